import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planFiles } from "../planning";
import { detectFormat, parseSpec } from ".";
import { corpusFile } from "./testing/corpus";

const SPEC_022 = "diepulp__pt-2__docs__20-architecture__specs__ADR-022__EXEC-SPEC-022.md";
const SPEC_024 = "diepulp__pt-2__docs__20-architecture__specs__ADR-024__EXEC-SPEC-024.md";
const CHECKPOINT_024 =
  "diepulp__pt-2__.claude__skills__build-pipeline__checkpoints___archive__EXEC-SPEC-024.json";

function planOf(...files: { name: string; content: string }[]) {
  const result = planFiles(files);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

const wavesOf = (plan: ReturnType<typeof planOf>) => plan.waves.map((w) => w.itemIds);

describe("EXEC-SPEC with frontmatter (corpus EXEC-SPEC-022)", () => {
  const plan = planOf(corpusFile(SPEC_022));

  it("reads the six workstreams with their agents, dependencies, outputs and gates", () => {
    expect(plan.format).toBe("exec-spec");
    const parsed = parseSpec([corpusFile(SPEC_022)]);
    expect(parsed.ok && parsed.spec.formatReason).toBe(
      `${SPEC_022} has YAML frontmatter with \`workstreams\``,
    );
    expect(plan.items.map((i) => i.id)).toEqual(["WS1", "WS2", "WS3", "WS4", "WS5", "WS6"]);
    const byId = Object.fromEntries(plan.items.map((i) => [i.id, i]));
    expect(byId.WS1?.state).toBe("done");
    expect(plan.items.filter((i) => i.state === "done").map((i) => i.id)).toEqual(["WS1"]);
    expect(byId.WS2?.role).toBe("rls-expert");
    expect(byId.WS6?.role).toBe("backend-service-builder");
    expect(Object.fromEntries(plan.items.map((i) => [i.id, i.dependsOn]))).toEqual({
      WS1: [],
      WS2: ["WS1"],
      WS3: ["WS1"],
      WS4: ["WS3"],
      WS5: ["WS2", "WS3"],
      WS6: ["WS3"],
    });
    expect(byId.WS1?.outputs).toHaveLength(5);
    // "(update)" notes are stripped so the engine can check the path.
    expect(byId.WS3?.outputs).toContain("services/player/dtos.ts");
    expect(byId.WS5?.gates).toEqual(["test-pass"]);
    expect(byId.WS1?.source).toEqual({ file: SPEC_022, line: 9 });
  });

  it("uses the spec's execution phases as waves", () => {
    expect(wavesOf(plan)).toEqual([["WS1"], ["WS2", "WS3"], ["WS4", "WS5", "WS6"]]);
    expect(plan.waves[1]?.gates).toEqual(["test-pass", "type-check"]);
    expect(plan.criticalPath).toEqual(["WS1", "WS3", "WS4"]);
  });

  it("keeps the gates map as data and the body of the cited sections", () => {
    expect(plan.gates["test-pass"]).toBe('npm test -- -t "player-identity"');
    expect(Object.keys(plan.gates)).toEqual([
      "schema-validation",
      "type-check",
      "lint",
      "test-pass",
      "slad-pass",
    ]);
    const ws1 = plan.items.find((i) => i.id === "WS1");
    expect(ws1?.body).toContain("## 1. Schema Changes");
    expect(ws1?.body).toContain("## 3. Triggers");
    expect(plan.title).toBe("EXEC-SPEC-022: Player Identity Enrollment Implementation");
  });

  it("produces plain JSON", () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe("EXEC-SPEC with headings only (corpus EXEC-SPEC-024)", () => {
  it("reads the three migration phases as sequential items and says so", () => {
    const plan = planOf(corpusFile(SPEC_024));
    expect(detectFormat([corpusFile(SPEC_024)]).format).toBe("exec-spec");
    expect(plan.items.map((i) => i.id)).toEqual(["PHASE-1", "PHASE-2", "PHASE-3"]);
    expect(wavesOf(plan)).toEqual([["PHASE-1"], ["PHASE-2"], ["PHASE-3"]]);
    const codes = plan.warnings.map((w) => w.code);
    expect(codes).toContain("headings_only");
    expect(plan.warnings.find((w) => w.code === "heading_ignored")?.line).toBe(31);
  });

  it("takes the six workstreams and their completed states from the checkpoint uploaded beside it", () => {
    const plan = planOf(corpusFile(SPEC_024), corpusFile(CHECKPOINT_024));
    expect(plan.format).toBe("exec-spec");
    expect(plan.title).toBe("EXEC-SPEC-024: RLS Context Self-Injection Remediation");
    expect(wavesOf(plan)).toEqual([["WS1"], ["WS2", "WS3", "WS4"], ["WS5"], ["WS6"]]);
    expect(plan.items.every((i) => i.state === "done")).toBe(true);
    expect(plan.warnings.map((w) => w.code)).toContain("structure_from_checkpoint");
  });
});

describe("EXEC-SPEC checkpoint JSON", () => {
  it("imports the build-pipeline shape as completed work", () => {
    const plan = planOf(corpusFile(CHECKPOINT_024));
    expect(plan.format).toBe("exec-spec-checkpoint");
    expect(plan.items).toHaveLength(6);
    expect(plan.items.find((i) => i.id === "WS6")?.outputs).toEqual([
      "services/security/__tests__/rls-context.test.ts",
      "services/security/__tests__/rls-context.integration.test.ts",
    ]);
    expect(wavesOf(plan)).toEqual([["WS1"], ["WS2", "WS3", "WS4"], ["WS5"], ["WS6"]]);
    expect(plan.criticalPath).toEqual(["WS1", "WS2", "WS5", "WS6"]);
  });

  it("imports the feature-pipeline shape (id arrays only) and merges it into a frontmatter spec", () => {
    const checkpoint = {
      name: "checkpoints/player-identity-enrollment.json",
      content: JSON.stringify({
        spec: "EXEC-SPEC-022",
        feature: "player-identity-enrollment",
        current_phase: 1,
        status: "executing",
        completed_workstreams: ["WS1", "WS2"],
        in_progress_workstreams: ["WS3"],
        pending_workstreams: ["WS4", "WS5", "WS6"],
      }),
    };
    const alone = parseSpec([checkpoint]);
    expect(alone.ok && alone.spec.items.map((i) => [i.id, i.state])).toEqual([
      ["WS1", "done"],
      ["WS2", "done"],
      ["WS3", "in_progress"],
      ["WS4", "pending"],
      ["WS5", "pending"],
      ["WS6", "pending"],
    ]);
    const plan = planOf(corpusFile(SPEC_022), checkpoint);
    const states = Object.fromEntries(plan.items.map((i) => [i.id, i.state]));
    expect(states).toMatchObject({ WS1: "done", WS2: "done", WS3: "in_progress", WS4: "pending" });
    expect(plan.warnings.filter((w) => w.code === "state_conflict").map((w) => w.message)).toHaveLength(2);
  });
});

describe("the demo example", () => {
  it("plans 5 workstreams in 3 phases", () => {
    const content = readFileSync(new URL("../../examples/specs/exec-spec-demo.md", import.meta.url), "utf8");
    const plan = planOf({ name: "exec-spec-demo.md", content });
    expect(wavesOf(plan)).toEqual([["WS1"], ["WS2", "WS3"], ["WS4", "WS5"]]);
    expect(plan.items.every((i) => i.outputs.length === 2 && i.gates.length === 1)).toBe(true);
    expect(plan.waves[2]?.gates).toEqual(["test-pass"]);
    expect(plan.warnings).toEqual([]);
  });
});

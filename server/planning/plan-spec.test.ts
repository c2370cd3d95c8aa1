import { describe, expect, it } from "vitest";
import { newItem } from "../specs/spec-items";
import type { ParsedSpec, PlanItem, SpecPhase } from "../specs/types";
import { planFiles, planSpec } from ".";

interface Ws {
  deps?: string[];
  outputs?: string[];
}

function execSpec(workstreams: Record<string, Ws>, phases?: string[][]): string {
  const lines = ["---", "spec: EXEC-SPEC-T", "workstreams:"];
  for (const [id, ws] of Object.entries(workstreams)) {
    lines.push(`  ${id}:`, `    name: Work ${id}`, "    agent: backend-developer");
    lines.push(`    depends_on: [${(ws.deps ?? []).join(", ")}]`);
    lines.push(`    outputs: [${(ws.outputs ?? [`src/${id.toLowerCase()}.ts`]).join(", ")}]`);
    lines.push("    gate: type-check");
  }
  if (phases) {
    lines.push("execution_phases:");
    for (const p of phases) lines.push(`  - parallel: [${p.join(", ")}]`);
  }
  lines.push("gates:", "  type-check:", "    command: npx tsc --noEmit", "---", "", "# Test spec");
  return lines.join("\n");
}

const plan = (content: string, options = {}) => planFiles([{ name: "spec.md", content }], options);

function errorsOf(content: string, options = {}) {
  const result = plan(content, options);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("topological layers", () => {
  it("computes waves and the critical path when the spec gives no phases", () => {
    const result = plan(
      execSpec({
        WS1: {},
        WS2: { deps: ["WS1"] },
        WS3: {},
        WS4: { deps: ["WS2", "WS3"] },
        WS5: { deps: ["WS3"] },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.waves.map((w) => w.itemIds)).toEqual([["WS1", "WS3"], ["WS2", "WS5"], ["WS4"]]);
    expect(result.plan.waves.map((w) => w.name)).toEqual(["Wave 1", "Wave 2", "Wave 3"]);
    expect(result.plan.criticalPath).toEqual(["WS1", "WS2", "WS4"]);
  });

  it("splits waves by batch size", () => {
    const many = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`WS${i + 1}`, {}]));
    const result = plan(execSpec(many), { batchSize: 3 });
    expect(result.ok && result.plan.waves.map((w) => w.itemIds.length)).toEqual([3, 3, 1]);
    expect(result.ok && result.plan.waves[0]?.name).toBe("Wave 1 (batch 1/3)");
  });

  it("ignores a batch size that is not a positive whole number, with a warning", () => {
    const result = plan(execSpec({ WS1: {}, WS2: {} }), { batchSize: 0 });
    expect(result.ok && result.plan.waves).toHaveLength(1);
    expect(result.ok && result.plan.warnings.map((w) => w.code)).toContain("invalid_batch_size");
  });

  it("splits parallel items that write the same file into separate waves, with a warning", () => {
    const result = plan(
      execSpec(
        {
          WS1: { outputs: ["src/a.ts"] },
          WS2: { outputs: ["src/a.ts", "src/b.ts"] },
          WS3: { outputs: ["src/c.ts"] },
        },
        [["WS1", "WS2", "WS3"]],
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.waves.map((w) => w.itemIds)).toEqual([["WS1", "WS3"], ["WS2"]]);
    const warning = result.plan.warnings.find((w) => w.code === "same_file_split");
    expect(warning?.message).toContain("WS1, WS2");
    expect(warning?.message).toContain("src/a.ts");
  });
});

describe("typed errors", () => {
  it("names the whole dependency cycle", () => {
    const errors = errorsOf(
      execSpec({ WS1: { deps: ["WS3"] }, WS2: { deps: ["WS1"] }, WS3: { deps: ["WS2"] }, WS4: {} }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "dependency_cycle", file: "spec.md", line: 4 });
    expect(errors[0]?.message).toContain("WS1 → WS2 → WS3 → WS1");
  });

  it("reports a self-dependency as a cycle", () => {
    expect(errorsOf(execSpec({ WS1: { deps: ["WS1"] } }))[0]?.code).toBe("dependency_cycle");
  });

  it("reports an unknown dependency at the workstream's depends_on line", () => {
    const [error] = errorsOf(execSpec({ WS1: {}, WS2: { deps: ["WS9"] } }));
    expect(error).toMatchObject({ code: "unknown_dependency", line: 13, severity: "error" });
    expect(error?.message).toBe("WS2 depends on WS9, which this spec does not define.");
  });

  it("reports a workstream defined twice", () => {
    const content = execSpec({ WS1: {} }).replace(
      "workstreams:\n",
      "workstreams:\n  WS1:\n    name: Again\n",
    );
    expect(errorsOf(content)[0]).toMatchObject({ code: "duplicate_id", line: 6 });
  });

  it("reports phases that run an item before its dependency", () => {
    const later = errorsOf(execSpec({ WS1: {}, WS2: { deps: ["WS1"] } }, [["WS2"], ["WS1"]]));
    expect(later[0]).toMatchObject({ code: "phase_order" });
    expect(later[0]?.message).toContain("runs WS2 before its dependency WS1");
    const same = errorsOf(execSpec({ WS1: {}, WS2: { deps: ["WS1"] } }, [["WS1", "WS2"]]));
    expect(same[0]?.message).toContain("in parallel with its dependency WS1");
  });

  it("reports a phase naming an unknown workstream, and places unphased items last", () => {
    expect(errorsOf(execSpec({ WS1: {} }, [["WS1", "WS7"]]))[0]?.code).toBe("unknown_phase_item");
    const result = plan(execSpec({ WS1: {}, WS2: { deps: ["WS1"] } }, [["WS1"]]));
    expect(result.ok && result.plan.waves.map((w) => w.itemIds)).toEqual([["WS1"], ["WS2"]]);
    expect(result.ok && result.plan.warnings.map((w) => w.code)).toContain("item_not_in_phase");
  });

  it("reports YAML syntax errors with line and column", () => {
    const content = "---\nspec: X\nworkstreams:\n  WS1:\n    name: [unclosed\n    agent: a\n---\n# X\n";
    const [error] = errorsOf(content);
    expect(error?.code).toBe("yaml_syntax");
    expect(error?.line).toBeGreaterThanOrEqual(5);
    expect(error?.column).toBeGreaterThan(0);
  });

  it("rejects empty, oversized and unreadable files", () => {
    expect(errorsOf("   \n\n")[0]?.code).toBe("empty_spec");
    expect(planFiles([]).ok).toBe(false);
    expect(errorsOf(execSpec({ WS1: {} }), { maxBytes: 100 })[0]?.code).toBe("file_too_large");
    const [bad] = errorsOf("# Spec\n\nbroken \uFFFD byte\n");
    expect(bad).toMatchObject({ code: "bad_encoding", line: 3, column: 8 });
  });

  it("reports a frontmatter without workstreams", () => {
    expect(errorsOf("---\nworkstreams: 3\n---\n# X")[0]?.code).toBe("invalid_field");
  });
});

describe("hand-built specs", () => {
  function specOf(items: PlanItem[], phases: SpecPhase[] | null = null): ParsedSpec {
    return {
      format: "spec-kit",
      title: "hand-built",
      items,
      phases,
      gates: {},
      warnings: [],
      analysisRequired: false,
      documents: [],
    };
  }
  function item(id: string, outputs: string[], dependsOn: string[] = []): PlanItem {
    const made = newItem(id, `Task ${id}`, "tasks.md", 1);
    made.outputs = outputs;
    made.dependsOn = dependsOn;
    return made;
  }

  it("rejects repeated ids instead of planning them (the critical path once looped on them)", () => {
    // Both X write a.ts, so their wave splits and X sits in two waves.
    const result = planSpec(specOf([item("X", ["a.ts"]), item("X", ["a.ts"]), item("Z", [], ["X"])]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual(["duplicate_id"]);
  });

  it("splits a wave of 3,000 items that all write one file into 3,000 waves, named in one warning", () => {
    const items = Array.from({ length: 3_000 }, (_, i) => item(`T${i}`, ["shared.ts", `own${i}.ts`]));
    const result = planSpec(specOf(items));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.waves).toHaveLength(3_000);
    expect(result.plan.waves[2_999]?.itemIds).toEqual(["T2999"]);
    const splits = result.plan.warnings.filter((w) => w.code === "same_file_split");
    expect(splits).toHaveLength(1);
    expect(splits[0]?.message).toContain("T0, T1, T2, ");
    expect(splits[0]?.message).toContain(
      "T2998, T2999 are marked parallel in Wave 1 but all change shared.ts",
    );
  });

  it("places each item in the first split that writes none of its files", () => {
    const result = planSpec(
      specOf([
        item("A", ["a.ts"]),
        item("B", ["b.ts"]),
        item("C", ["a.ts"]),
        item("D", ["a.ts", "b.ts"]),
        item("E", ["c.ts"]),
        item("F", ["b.ts"]),
      ]),
    );
    expect(result.ok && result.plan.waves.map((w) => w.itemIds)).toEqual([
      ["A", "B", "E"],
      ["C", "F"],
      ["D"],
    ]);
    expect(result.ok && result.plan.warnings.map((w) => w.message)).toEqual([
      "A, C, D are marked parallel in Wave 1 but all change a.ts; they run in separate waves.",
      "B, D, F are marked parallel in Wave 1 but all change b.ts; they run in separate waves.",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { PlanItem } from "../specs";
import { acceptedDependencyCodes, dependencyChain } from "./accepted-dependencies";
import { planUpload } from "./plan-upload";
import { cutLine, withSourceLines } from "./source-lines";

/** spec-kit: one parallel phase, and prose that suggests (never applies) two dependencies. */
const tasks = `# Tasks: Ledger

## Phase 1: Setup
- [ ] T001 [P] Create the ledger schema in src/ledger/schema.ts
- [ ] T002 [P] Create the ledger service in src/ledger/service.ts
- [ ] T003 [P] Write the ledger report in src/ledger/report.ts

## Dependencies
- T002 depends on T001
- T001 depends on T003
- T003 depends on T002
`;
const files = [{ name: "tasks.md", content: tasks }];
const waveIds = (result: ReturnType<typeof planUpload>) => result.plan?.waves.map((wave) => wave.itemIds);

describe("planUpload", () => {
  it("lists prose suggestions without applying them", () => {
    const result = planUpload(files);
    expect(result.ok).toBe(true);
    expect(waveIds(result)).toEqual([["T001", "T002", "T003"]]);
    expect(result.plan?.acceptedDependencies).toEqual([]);
    expect(result.suggestedDependencies).toEqual([
      expect.objectContaining({ item: "T001", dependsOn: "T003", accepted: false }),
      expect.objectContaining({ item: "T002", dependsOn: "T001", accepted: false }),
      expect.objectContaining({ item: "T003", dependsOn: "T002", accepted: false }),
    ]);
    expect(result.suggestedDependencies[1]?.dependsOnTitle).toContain("ledger schema");
  });

  it("applies an accepted suggestion as a real dependency: the waves are computed again", () => {
    const result = planUpload(files, { acceptedDependencies: [{ item: "T002", dependsOn: "T001" }] });
    expect(result.ok).toBe(true);
    expect(waveIds(result)).toEqual([["T001", "T003"], ["T002"]]);
    const t002 = result.plan?.items.find((item) => item.id === "T002");
    expect(t002?.dependsOn).toEqual(["T001"]);
    expect(t002?.suggestedDependsOn).toEqual([]);
    expect(result.plan?.acceptedDependencies).toEqual([{ item: "T002", dependsOn: "T001" }]);
    expect(result.suggestedDependencies.find((s) => s.item === "T002")?.accepted).toBe(true);
  });

  it("plans again with a batch size, keeping the accepted dependency (a run with a batch size)", () => {
    const result = planUpload(files, {
      acceptedDependencies: [{ item: "T002", dependsOn: "T001" }],
      batchSize: 1,
    });
    expect(waveIds(result)).toEqual([["T001"], ["T003"], ["T002"]]);
  });

  it("refuses an accepted suggestion that closes a circle with a coded issue, keeping the suggestions", () => {
    const result = planUpload(files, {
      acceptedDependencies: [
        { item: "T002", dependsOn: "T001" },
        { item: "T003", dependsOn: "T002" },
        { item: "T001", dependsOn: "T003" },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.plan).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: acceptedDependencyCodes.cycle,
        file: "tasks.md",
        line: 4,
        message: expect.stringContaining("T003 depends on T002 depends on T001"),
      }),
    ]);
    expect(result.suggestedDependencies.filter((s) => s.accepted)).toHaveLength(3);
  });

  it("refuses an accepted dependency the spec does not suggest", () => {
    const result = planUpload(files, { acceptedDependencies: [{ item: "T003", dependsOn: "T001" }] });
    expect(result.ok).toBe(false);
    expect(result.errors.map((issue) => issue.code)).toEqual([acceptedDependencyCodes.notSuggested]);
    const unknown = planUpload(files, { acceptedDependencies: [{ item: "T999", dependsOn: "T001" }] });
    expect(unknown.errors).toEqual([
      expect.objectContaining({ code: acceptedDependencyCodes.notSuggested, file: "", line: 0 }),
    ]);
  });

  it("reports the spec's own errors first, whatever was accepted", () => {
    const broken = [{ name: "tasks.md", content: `${tasks}- [ ] T004 Report (depends on T999)\n` }];
    const result = planUpload(broken, { acceptedDependencies: [{ item: "T002", dependsOn: "T001" }] });
    expect(result.ok).toBe(false);
    expect(result.errors.map((issue) => issue.code)).toContain("unknown_dependency");
  });
});

describe("dependencyChain", () => {
  it("finds the path through dependencies, or none", () => {
    const item = (id: string, dependsOn: string[]) => [id, { id, dependsOn } as unknown as PlanItem] as const;
    const byId = new Map([item("A", []), item("B", ["A"]), item("C", ["B"])]);
    expect(dependencyChain(byId, "C", "A")).toEqual(["C", "B", "A"]);
    expect(dependencyChain(byId, "A", "C")).toBeNull();
  });
});

describe("withSourceLines", () => {
  it("adds the offending line by file and line, and leaves whole-upload issues alone", () => {
    const issues = withSourceLines(
      [
        { code: "x", severity: "warning", message: "m", file: "a.md", line: 2 },
        { code: "y", severity: "error", message: "m", file: "a.md", line: 0 },
        { code: "z", severity: "error", message: "m", file: "b.md", line: 9 },
      ],
      [{ name: "a.md", content: "\uFEFFfirst\r\n<script>alert(1)</script>   \r\nthird" }],
    );
    expect(issues.map((issue) => issue.sourceLine)).toEqual([
      "<script>alert(1)</script>",
      undefined,
      undefined,
    ]);
  });

  it("cuts long lines at a character boundary", () => {
    expect(cutLine("x".repeat(300))).toHaveLength(240);
    expect(cutLine("x".repeat(300)).endsWith("…")).toBe(true);
    expect(cutLine("😀".repeat(5), 3)).toBe("😀😀…");
    expect(cutLine("short")).toBe("short");
  });
});

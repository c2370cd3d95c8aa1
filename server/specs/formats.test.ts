/**
 * Format features the corpus does not exercise, read from the small examples in
 * examples/specs (one per format) and from inline snippets.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Plan, planFiles } from "../planning";
import { detectFormat, parseSpec, type SpecFile } from ".";
import { corpusFile } from "./testing/corpus";

const EXAMPLES = new URL("../../examples/specs/", import.meta.url);

function example(name: string): SpecFile {
  return { name, content: readFileSync(new URL(name, EXAMPLES), "utf8") };
}

function planOf(files: SpecFile[], options = {}): Plan {
  const result = planFiles(files, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.plan;
}

const waves = (plan: Plan) => plan.waves.map((w) => w.itemIds.join(",")).join(" | ");
const item = (plan: Plan, id: string) => plan.items.find((i) => i.id === id);

describe("detectFormat", () => {
  it.each([
    ["exec-spec-demo.md", "exec-spec"],
    ["exec-spec-demo.checkpoint.json", "exec-spec-checkpoint"],
    ["layered-tasks.md", "layered-tasks"],
    ["spec-workflow-tasks.md", "task-list"],
    ["spec-kit-tasks.md", "spec-kit"],
    ["freeform-feature.md", "freeform"],
    ["story-set/US-001-checklist-model.md", "story-set"],
  ])("reads %s as %s and says why", (name, format) => {
    const detected = detectFormat([example(name)]);
    expect(detected.format).toBe(format);
    expect(detected.reason).not.toBe("");
  });

  it("lets the user override the detected format, and says so", () => {
    const result = parseSpec([example("spec-kit-tasks.md")], { format: "freeform" });
    expect(result.ok && result.spec.format).toBe("freeform");
    expect(result.ok && result.warnings.map((w) => w.code)).toContain("format_override");
    expect(parseSpec([example("spec-kit-tasks.md")], { format: "nope" as never }).ok).toBe(false);
  });
});

describe("EXEC-SPEC with its feature-pipeline checkpoint", () => {
  it("imports done and running workstreams", () => {
    const plan = planOf([example("exec-spec-demo.md"), example("exec-spec-demo.checkpoint.json")]);
    expect(plan.items.map((i) => i.state)).toEqual([
      "done",
      "in_progress",
      "in_progress",
      "pending",
      "pending",
    ]);
    expect(waves(plan)).toBe("WS1 | WS2,WS3 | WS4,WS5");
  });
});

describe("spec-workflow / Kiro task list", () => {
  const plan = planOf([
    example("spec-workflow-tasks.md"),
    { name: "requirements.md", content: "# Requirements\n\n1.1 Audit table\n" },
    { name: "design.md", content: "# Design\n\nAppend-only table.\n" },
  ]);

  it("reads states, optional and manual tasks, and explicit dependencies", () => {
    expect(plan.format).toBe("task-list");
    expect(plan.items.map((i) => [i.id, i.state])).toEqual([
      ["1", "done"],
      ["2", "in_progress"],
      ["3", "pending"],
      ["4", "blocked"],
      ["5", "pending"],
      ["6", "pending"],
    ]);
    expect(item(plan, "5")?.optional).toBe(true);
    expect(item(plan, "6")?.manual).toBe(true);
    expect(waves(plan)).toBe("1 | 2 | 3,4,5 | 6");
  });

  it("reads files, requirements and the _Prompt_ role and success criteria", () => {
    expect(item(plan, "2")).toMatchObject({
      role: "backend-developer",
      outputs: ["src/services/audit/record.ts"],
      requirements: ["1.3"],
      dependsOn: ["1"],
      acceptanceCriteria: [{ text: "Every team and billing mutation writes one event", done: false }],
    });
    expect(item(plan, "1")?.role).toBe("database-engineer");
  });

  it("plans requirements.md and design.md only as traceability documents", () => {
    const parsed = parseSpec([
      example("spec-workflow-tasks.md"),
      { name: "specs/audit/requirements.md", content: "# R\n" },
    ]);
    expect(parsed.ok && parsed.spec.documents).toEqual([
      { file: "specs/audit/requirements.md", kind: "requirements" },
    ]);
  });

  it("flags a Can Run In Parallel With hint that contradicts the dependencies", () => {
    const content = [
      "# Tasks",
      "- [ ] 1.1 First",
      "  - Can Run In Parallel With: 2.1",
      "- [ ] 2.1 Second",
      "  - Depends On: 1.1",
    ].join("\n");
    const hinted = planOf([{ name: "tasks.md", content }]);
    expect(hinted.warnings.find((w) => w.code === "parallel_conflict")?.message).toBe(
      "1.1 says it can run in parallel with 2.1, but one depends on the other; the dependency wins.",
    );
    expect(waves(hinted)).toBe("1.1 | 2.1");
  });

  it("takes the spw batch size from max_tasks_per_wave", () => {
    const spw = corpusFile(
      "lucas-stellet__spw__templates__user-templates__variants__tasks-template.tdd-on.md",
    );
    const parsed = parseSpec([spw]);
    expect(parsed.ok && parsed.spec.batchSize).toBe(3);
    expect(planOf([spw], { batchSize: 1 }).waves.map((w) => w.itemIds)).toEqual([["1.1"], ["1.2"], ["2.1"]]);
    const tdd = planOf([spw]).items.find((i) => i.id === "1.1");
    expect(tdd).toMatchObject({ tdd: true, outputs: ["path/to/file.ex", "test/path/to/file_test.exs"] });
    expect(tdd?.gates).toEqual(["verify-1.1"]);
    expect(planOf([spw]).gates["verify-1.1"]).toBe("mix test test/path/to/file_test.exs");
  });
});

describe("layered tasks", () => {
  it("runs layers in order, picking agents from keywords and reporting each pick", () => {
    const plan = planOf([example("layered-tasks.md")]);
    expect(waves(plan)).toBe(
      "L0-0 | L0-1 | L1-0,L1-1,L1-2 | L1-3 | L1-4 | L2-0 | L2-1,L2-2,L2-3 | L3-0 | L3-1",
    );
    expect(item(plan, "L0-0")?.role).toBe("database-developer");
    expect(item(plan, "L1-2")?.role).toBe("auth-developer");
    const picks = plan.warnings.filter((w) => w.code === "agent_from_keyword" || w.code === "agent_default");
    expect(picks).toHaveLength(13);
    expect(item(plan, "L1-3")?.state).toBe("in_progress");
  });

  it("uses a configurable keyword map", () => {
    const plan = planOf([example("layered-tasks.md")], {
      agentKeywords: { "supabase-agent": ["database", "rls"] },
    });
    expect(item(plan, "L0-0")?.role).toBe("supabase-agent");
    expect(item(plan, "L1-2")?.role).toBe("developer");
  });

  it("takes agents and states from the run's execution-status.json", () => {
    const status = corpusFile(
      "vanman2024__dev-lifecycle-marketplace__plugins__implementation__skills__execution-tracking__templates__execution-status.json",
      "execution-status.json",
    );
    const plan = planOf([example("layered-tasks.md"), status]);
    expect(item(plan, "L1-2")?.role).toBe("auth-agent");
    expect(plan.items.filter((i) => i.state === "done").map((i) => i.id)).toEqual([
      "L0-0",
      "L0-1",
      "L1-0",
      "L1-1",
      "L1-2",
    ]);
    expect(plan.warnings.some((w) => w.code === "agent_from_keyword")).toBe(false);
  });
});

describe("spec-kit", () => {
  const plan = planOf([example("spec-kit-tasks.md")]);

  it("runs [P] tasks together, others alone, and applies inline dependencies", () => {
    expect(waves(plan)).toBe("T001 | T002,T003 | T004,T005 | T006 | T007 | T008,T009");
    expect(item(plan, "T006")).toMatchObject({
      dependsOn: ["T004", "T005"],
      requirements: ["US1"],
      title: "Implement saveSearch() in src/lib/saved-searches/service.ts",
    });
  });

  it("only suggests dependencies read from prose and ignores checklists", () => {
    expect(item(plan, "T008")?.suggestedDependsOn).toEqual(["T007"]);
    expect(item(plan, "T008")?.dependsOn).toEqual([]);
    expect(plan.warnings.find((w) => w.code === "checkbox_not_task")?.line).toBe(31);
  });
});

describe("story set with YAML frontmatter", () => {
  const folder = readdirSync(new URL("story-set/", EXAMPLES)).map((n) => example(`story-set/${n}`));

  it("uses the stories' waves, states, agents and acceptance criteria", () => {
    const plan = planOf(folder);
    expect(waves(plan)).toBe("US-001 | US-002 | US-003");
    expect(item(plan, "US-002")).toMatchObject({
      state: "in_progress",
      role: "backend-developer",
      complexity: "medium",
      outputs: ["src/app/api/onboarding/route.ts"],
      acceptanceCriteria: [
        { text: "GET /api/onboarding returns the user's checklist", done: true },
        { text: "PATCH /api/onboarding/:step marks a step done", done: false },
      ],
    });
  });

  it("rejects waves that run a story before its dependency", () => {
    const swapped = folder.map((f) =>
      f.name.includes("US-003") ? { ...f, content: f.content.replace("wave: 3", "wave: 2") } : f,
    );
    const result = planFiles(swapped);
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(["phase_order"]);
  });
});

describe("free-form spec", () => {
  it("becomes a single analysis wave", () => {
    const plan = planOf([example("freeform-feature.md")]);
    expect(plan.analysisRequired).toBe(true);
    expect(plan.waves).toEqual([{ index: 0, name: "Analysis", itemIds: ["ANALYSIS"], gates: [] }]);
    expect(plan.items[0]?.role).toBe("analyst");
    expect(plan.items[0]?.body).toContain("Security notifications");
  });
});

describe("issue codes", () => {
  it("lists every code the sources emit", async () => {
    const { SPEC_ISSUE_CODES } = await import(".");
    const { readdirSync: list, readFileSync: read } = await import("node:fs");
    const emitted = new Set<string>();
    for (const dir of ["./", "../planning/"]) {
      const folder = new URL(dir, import.meta.url);
      for (const name of list(folder).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
        const source = read(new URL(name, folder), "utf8");
        for (const m of source.matchAll(/log\.(?:error|warn)\(\s*"([a-z_]+)"/g)) emitted.add(m[1] ?? "");
      }
    }
    expect(emitted.size).toBeGreaterThan(30);
    expect([...emitted].filter((code) => !(code in SPEC_ISSUE_CODES))).toEqual([]);
  });
});

/**
 * Every file of the public corpus (../shared/specs/real) pinned: the plan it produces (format,
 * item count, waves, dependencies) or the typed error that is the right answer for it.
 */
import { describe, expect, it } from "vitest";
import { type Plan, planFiles } from "../planning";
import { corpusFile, corpusFileNames, STORY_SET_PREFIX, storySetFiles } from "./testing/corpus";

function planOf(files: { name: string; content: string }[]): Plan {
  const result = planFiles(files);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.plan;
}

/** Waves as "A,B | C" so a whole plan fits on one line of a test. */
const waves = (plan: Plan) => plan.waves.map((w) => w.itemIds.join(",")).join(" | ");
const deps = (plan: Plan) =>
  Object.fromEntries(
    plan.items.filter((i) => i.dependsOn.length > 0).map((i) => [i.id, i.dependsOn.join(",")]),
  );
const codes = (plan: Plan) => new Set(plan.warnings.map((w) => w.code));

interface Expected {
  format: Plan["format"];
  items: number;
  waves: string;
  deps: Record<string, string>;
  warnings?: string[];
}

const PLANS: Record<string, Expected> = {
  "diepulp__pt-2__docs__20-architecture__specs__ADR-022__EXEC-SPEC-022.md": {
    format: "exec-spec",
    items: 6,
    waves: "WS1 | WS2,WS3 | WS4,WS5,WS6",
    deps: { WS2: "WS1", WS3: "WS1", WS4: "WS3", WS5: "WS2,WS3", WS6: "WS3" },
  },
  "diepulp__pt-2__docs__20-architecture__specs__ADR-024__EXEC-SPEC-024.md": {
    format: "exec-spec",
    items: 3,
    waves: "PHASE-1 | PHASE-2 | PHASE-3",
    deps: {},
    warnings: ["headings_only", "heading_ignored"],
  },
  "diepulp__pt-2__.claude__skills__build-pipeline__checkpoints___archive__EXEC-SPEC-024.json": {
    format: "exec-spec-checkpoint",
    items: 6,
    waves: "WS1 | WS2,WS3,WS4 | WS5 | WS6",
    deps: { WS2: "WS1", WS3: "WS1", WS4: "WS1", WS5: "WS2,WS3,WS4", WS6: "WS5" },
    warnings: ["imported_state"],
  },
  "vanman2024__dev-lifecycle-marketplace__plugins__implementation__skills__execution-tracking__templates__execution-status.json":
    {
      format: "layered-tasks",
      items: 13,
      // Layers run in order; dependencies inside a layer split it; L1-0 and L1-2 both modify main.py.
      waves: "L0-0 | L0-1 | L1-0,L1-1 | L1-2 | L1-3 | L1-4 | L2-0 | L2-1,L2-2,L2-3 | L3-0 | L3-1",
      deps: {
        "L0-1": "L0-0",
        "L1-3": "L1-0",
        "L1-4": "L1-3",
        "L2-1": "L2-0",
        "L2-2": "L2-0",
        "L2-3": "L2-0",
        "L3-1": "L3-0",
      },
      warnings: ["imported_state", "phase_split", "same_file_split"],
    },
  "vanman2024__signalhireagent__specs__002-create-a-professional__tasks.md": {
    format: "spec-kit",
    items: 34,
    waves:
      "T001 | T002,T003 | T004,T005,T006,T007,T008,T009 | T010 | T011 | T012,T013 | T014 | T015 | T016 | T017 | " +
      "T018,T020,T021 | T019 | T022 | T023 | T024 | T025 | T026,T027,T028,T029 | T030 | T031 | T032 | T033 | T034",
    deps: {},
    warnings: [
      "checkbox_not_task",
      "dependency_from_prose",
      "same_file_split",
      "sequential_without_parallel_marker",
    ],
  },
  "microsoft__CommunityManagement-Sample-Spec-Kit__specs__009-user-directory__tasks.md": {
    format: "spec-kit",
    items: 57,
    waves:
      "T001 | T002,T003,T004,T005,T006 | T007 | T008,T009 | T010 | T011 | T012 | T013 | T014 | T015 | T016 | T017 | " +
      "T018 | T019,T020,T020a | T021 | T022,T023,T024,T025,T026,T027 | T028 | T028a,T028b | T029 | T030 | " +
      "T031,T032,T033,T034,T035 | T036 | T037 | T038,T039,T040 | T041 | T042 | T043 | T044 | T045 | T046 | T047 | " +
      "T048 | T049 | T050 | T051 | T052 | T053 | T054",
    deps: {},
  },
  "github__spec-kit__templates__tasks-template.md": {
    format: "spec-kit",
    items: 28,
    waves:
      "T001 | T002 | T003 | T004 | T005,T006 | T007 | T008 | T009 | T010,T011 | T012,T013 | T014 | T015 | T016 | " +
      "T017 | T018,T019 | T020 | T021 | T022 | T023 | T024,T025 | T026 | T027 | T028",
    deps: { T014: "T012,T013" },
    warnings: ["template_placeholder"],
  },
  "RockyBoyRC__SpaceWeirdos__.kiro__specs__4-weirdo-editor__tasks.md": {
    format: "task-list",
    items: 37,
    waves:
      "1.1 | 1.2 | 1.3 | 2.1 | 2.2 | 3.1 | 3.2 | 3.3 | 4.1 | 4.2 | 4.3 | 4.4 | 5.1 | 5.2 | 6.1 | 6.2 | 7.1 | 7.2 | " +
      "8.1 | 8.2 | 9.1 | 9.2 | 9.3 | 10.1 | 10.2 | 10.3 | 11.1 | 11.2 | 11.3 | 12.1 | 12.2 | 12.3 | 12.4 | 13.1 | " +
      "13.2 | 14.1 | 14.2",
    deps: {},
    warnings: ["parent_task_grouping", "sequential_order_assumed"],
  },
  "lucas-stellet__spw__templates__user-templates__variants__tasks-template.tdd-on.md": {
    format: "task-list",
    items: 3,
    waves: "1.1,1.2 | 2.1",
    deps: { "2.1": "1.1,1.2" },
    warnings: ["template_placeholder"],
  },
  "davidleathers113__dependable-call-exchange-backend__.claude__planning__specs__01-consent-management.md": {
    format: "freeform",
    items: 1,
    waves: "ANALYSIS",
    deps: {},
    warnings: ["analysis_required", "checkbox_not_task"],
  },
  [`${STORY_SET_PREFIX}workflow-state.json`]: {
    format: "story-set",
    items: 24,
    waves: Array.from({ length: 24 }, (_, i) => `US-${String(i + 1).padStart(3, "0")}`).join(","),
    deps: {},
    warnings: ["state_without_stories"],
  },
};

/** A story alone names stories that were not uploaded with it: that is the right error. */
const STORY_DEPENDENCIES: Record<string, string[]> = {
  "US-001": [],
  "US-002": ["US-001"],
  "US-003": ["US-001"],
  "US-004": ["US-001"],
  "US-005": ["US-001"],
  "US-006": [],
  "US-007": ["US-001", "US-006"],
  "US-008": ["US-001", "US-006", "US-007"],
  "US-009": [],
  "US-010": ["US-009"],
  "US-011": ["US-010"],
  "US-012": [],
  "US-013": ["US-010"],
  "US-014": ["US-010", "US-013"],
  "US-015": [],
  "US-016": ["US-015"],
  "US-017": ["US-016"],
  "US-018": ["US-016", "US-017"],
  "US-019": ["US-017"],
  "US-020": ["US-019"],
  "US-021": ["US-016", "US-023"],
  "US-022": ["US-021"],
  "US-023": ["US-016"],
  "US-024": ["US-017", "US-018", "US-019", "US-020", "US-021", "US-022"],
};

describe("each corpus file uploaded alone", () => {
  it("covers all 39 corpus files", () => {
    expect(corpusFileNames()).toHaveLength(39);
  });

  for (const [name, expected] of Object.entries(PLANS)) {
    it(`plans ${name.slice(0, 70)}`, () => {
      const plan = planOf([corpusFile(name)]);
      expect(plan.format).toBe(expected.format);
      expect(plan.items).toHaveLength(expected.items);
      expect(waves(plan)).toBe(expected.waves);
      expect(deps(plan)).toEqual(expected.deps);
      for (const code of expected.warnings ?? []) expect(codes(plan)).toContain(code);
    });
  }

  it("rejects the spec-workflow template, which numbers tasks 4, 5 and 6 twice", () => {
    const result = planFiles([
      corpusFile("Pimzino__spec-workflow-mcp__src__markdown__templates__tasks-template.md"),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.line])).toEqual([
      ["duplicate_id", 75],
      ["duplicate_id", 97],
      ["duplicate_id", 119],
    ]);
    expect(result.errors[0]?.message).toContain("The id 4 is used twice (first at line 30)");
  });

  it("rejects an epic alone: it holds no stories", () => {
    for (const epic of [
      "EPIC-001-positive-reinforcement",
      "EPIC-002-hook-enforcement",
      "EPIC-003-workflow-state",
    ]) {
      const result = planFiles([corpusFile(`${STORY_SET_PREFIX}user-stories__${epic}.md`)]);
      expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(["empty_spec"]);
    }
  });

  for (const [story, storyDeps] of Object.entries(STORY_DEPENDENCIES)) {
    it(`${story} alone: planned when it depends on nothing, else unknown_dependency for each missing story`, () => {
      const name =
        corpusFileNames().find((n) => n.startsWith(`${STORY_SET_PREFIX}user-stories__${story}-`)) ?? "";
      const result = planFiles([corpusFile(name)]);
      if (storyDeps.length === 0) {
        expect(result.ok && result.plan.items.map((i) => i.id)).toEqual([story]);
      } else {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors.map((e) => e.code)).toEqual(storyDeps.map(() => "unknown_dependency"));
        // Every story file has its **Depends On:** label on line 6.
        expect(result.errors.map((e) => e.line)).toEqual(storyDeps.map(() => 6));
        expect(result.errors.map((e) => e.message)).toEqual(
          storyDeps.map((d) => `${story} depends on ${d}, which this spec does not define.`),
        );
      }
    });
  }
});

describe("the 24-story set uploaded as a folder", () => {
  const plan = planOf(storySetFiles());

  it("reads every story with its full dependency graph", () => {
    expect(plan.format).toBe("story-set");
    expect(plan.title).toBe("user-stories");
    expect(plan.items.map((i) => i.id)).toEqual(Object.keys(STORY_DEPENDENCIES));
    expect(Object.fromEntries(plan.items.map((i) => [i.id, i.dependsOn]))).toEqual(STORY_DEPENDENCIES);
  });

  it("computes the dependency waves, splitting stories that all edit ms.md", () => {
    expect(waves(plan)).toBe(
      "US-001,US-006,US-009,US-012,US-015 | US-002,US-003,US-004,US-005,US-007,US-010,US-016 | " +
        "US-008,US-011,US-013,US-017,US-023 | US-014,US-018 | US-019 | US-021 | US-020 | US-022 | US-024",
    );
    expect(plan.waves.map((w) => w.name)).toEqual([
      "Wave 1",
      "Wave 2",
      "Wave 3",
      "Wave 4 (file split 1/3)",
      "Wave 4 (file split 2/3)",
      "Wave 4 (file split 3/3)",
      "Wave 5 (file split 1/2)",
      "Wave 5 (file split 2/2)",
      "Wave 6",
    ]);
    expect(plan.criticalPath).toEqual(["US-015", "US-016", "US-023", "US-021", "US-022", "US-024"]);
  });

  it("reads labels, acceptance criteria and architecture files", () => {
    const us013 = plan.items.find((i) => i.id === "US-013");
    expect(us013?.title).toBe("Add Hook Testing Scenarios");
    expect(us013?.complexity).toBe("Medium");
    expect(us013?.requirements).toEqual(["EPIC-002"]);
    expect(us013?.acceptanceCriteria).toHaveLength(7);
    expect(us013?.outputs).toEqual([
      "docs/projects/20251219-positive-reinforcement-hooks/hook-test-scenarios.md",
    ]);
    expect(plan.items.find((i) => i.id === "US-005")?.outputs).toEqual(["CLAUDE.md"]);
  });

  it("imports workflow-state.json: all 24 done, and says it overrides the story files", () => {
    expect(plan.items.every((i) => i.state === "done")).toBe(true);
    const conflict = plan.warnings.find((w) => w.code === "state_conflict");
    expect(conflict?.file).toBe("workflow-state.json");
    expect(conflict?.message).toContain("disagree on 24 stories");
  });

  it("without the state file, the stories' own Pending status stands", () => {
    const pending = planOf(storySetFiles().filter((f) => !f.name.endsWith(".json")));
    expect(pending.items.every((i) => i.state === "pending")).toBe(true);
  });

  it("flags hints that contradict the graph and epic checklists that are not tasks", () => {
    const conflicts = plan.warnings.filter((w) => w.code === "parallel_conflict").map((w) => w.message);
    expect(conflicts).toContain(
      "US-013 says it can run in parallel with US-014, but one depends on the other; the dependency wins.",
    );
    expect(plan.warnings.filter((w) => w.code === "checkbox_not_task").map((w) => w.file)).toEqual([
      "user-stories/EPIC-001-positive-reinforcement.md",
      "user-stories/EPIC-002-hook-enforcement.md",
      "user-stories/EPIC-003-workflow-state.md",
    ]);
  });
});

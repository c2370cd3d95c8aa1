import { describe, expect, it } from "vitest";
import { agentLogOf, formatDuration, spanMs, storyDrawerModel, withStoryParam } from "./story-drawer-model";
import type { RunView, StepView, StoryView } from "./types";

const step = (kind: string, overrides: Partial<StepView> = {}): StepView => ({
  id: `step_${kind}`,
  kind,
  status: "succeeded",
  attempts: 1,
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:02.500Z",
  result: null,
  error: null,
  ...overrides,
});

const story: StoryView = {
  id: "story_1",
  key: "WS2",
  title: "Invitation service",
  role: "backend-developer",
  status: "failed",
  waveIndex: 1,
  dependsOn: ["WS1"],
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: null,
  error: "verify failed",
  acceptanceCriteria: [{ text: "Tokens expire after 7 days", done: false }],
  steps: [
    step("test_author", { result: { files: ["src/a.test.ts"], commit: "aaa111", summary: "wrote 2 tests" } }),
    step("implement", { result: { files: ["src/a.ts", "src/a.test.ts"], commit: "bbb222" } }),
    step("verify", {
      status: "failed",
      attempts: 2,
      finishedAt: null,
      error: "1 test failed",
      result: {
        evidence: {
          testFile: "src/a.test.ts",
          tests: { total: 2, passed: 1, failed: 1, skipped: 0 },
          coverage: { lines: 60, branches: 50, functions: 100, changedLines: 55 },
          outputs: { present: [], missing: [] },
          exitCode: 1,
          durationMs: 900,
          outputTail: "FAIL src/a.test.ts",
          commit: "ccc333",
          files: ["src/b.ts"],
        },
      },
    }),
  ],
};

const run = {
  id: "run_1",
  waves: [{ id: "w", index: 1, name: "Services", status: "running", startedAt: null, finishedAt: null }],
  stories: [story],
} as unknown as RunView;

describe("storyDrawerModel", () => {
  const now = Date.parse("2026-01-01T00:00:10.000Z");

  it("gathers steps with timings, files once each, the commit, criteria and the log tail", () => {
    const model = storyDrawerModel(run, "WS2", now);
    expect(model?.statusLabel).toBe("failed");
    expect(model?.waveName).toBe("Services");
    expect(model?.steps.map((s) => [s.label, s.durationMs, s.attempts, s.error])).toEqual([
      ["test author", 2500, 1, null],
      ["implement", 2500, 1, null],
      ["verify", 10_000, 2, "1 test failed"],
    ]);
    expect(model?.steps[0]?.summary).toBe("wrote 2 tests");
    expect(model?.files).toEqual(["src/a.test.ts", "src/a.ts", "src/b.ts"]);
    expect(model?.commit).toBe("ccc333");
    expect(model?.criteria).toEqual([{ text: "Tokens expire after 7 days", done: false }]);
    expect(model?.logTail).toBe("FAIL src/a.test.ts");
    expect(model?.evidence?.tests?.failed).toBe(1);
  });

  it("shows the running agent step's live tail, else the last agent step's output", () => {
    expect(agentLogOf(story)).toBeNull();
    const running: StoryView = {
      ...story,
      steps: [
        step("test_author", { logTail: "wrote tests\n" }),
        step("implement", { status: "running", finishedAt: null, logTail: "working\n" }),
        step("verify", { status: "pending", logTail: "verification output" }),
      ],
    };
    expect(agentLogOf(running)).toEqual({ step: "implement", text: "working\n", live: true });
    const done: StoryView = {
      ...running,
      steps: running.steps.map((s) => (s.kind === "implement" ? { ...s, status: "succeeded" } : s)),
    };
    expect(agentLogOf(done)).toEqual({ step: "implement", text: "working\n", live: false });
  });

  it("is null for a key the run does not have", () => {
    expect(storyDrawerModel(run, "WS9", now)).toBeNull();
  });
});

describe("time", () => {
  it("measures spans and formats them", () => {
    expect(spanMs(null, null, 0)).toBeNull();
    expect(spanMs("2026-01-01T00:00:00Z", "2026-01-01T00:01:05Z", 0)).toBe(65_000);
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_345)).toBe("12.3 s");
    expect(formatDuration(245_000)).toBe("4m 05s");
    expect(formatDuration(7_380_000)).toBe("2h 03m");
  });
});

describe("withStoryParam", () => {
  it("sets and removes the story, keeping the Gantt's parameters", () => {
    expect(withStoryParam("?gantt=a.b", "WS2")).toBe("?gantt=a.b&story=WS2");
    expect(withStoryParam("?gantt=a.b&story=WS2", null)).toBe("?gantt=a.b");
    expect(withStoryParam("?story=WS2", null)).toBe("");
  });
});

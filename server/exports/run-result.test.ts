import { describe, expect, it } from "vitest";
import { failedRunSnapshot, runningTaskListSnapshot } from "./fixtures";
import { toRunResult } from "./run-result";

describe("toRunResult", () => {
  it("writes the execution-phase result: counts, per-story test file, tests, files and AC checklist", () => {
    const common = { testerAgent: null, verifiedProduction: null, coverage: null };
    expect(toRunResult(failedRunSnapshot())).toEqual({
      runId: "run_b1",
      status: "failed",
      totalWaves: 3,
      totalStories: 4,
      storiesCompleted: ["WS1", "WS2"],
      storiesFailed: ["WS3"],
      storiesRemaining: ["WS4"],
      storiesSkipped: [],
      results: [
        {
          ...common,
          storyId: "WS1",
          title: "Schema",
          wave: 1,
          status: "succeeded",
          testFile: null,
          testsPassed: null,
          tests: null,
          implAgent: "backend-developer",
          implStatus: "success",
          filesModified: ["src/schema.ts"],
          commit: "a1a1a1a",
          acChecklistComplete: null,
          error: null,
        },
        {
          ...common,
          storyId: "WS2",
          title: "Service",
          wave: 2,
          status: "succeeded",
          testerAgent: "test-author",
          testFile: "src/service.test.ts",
          testsPassed: true,
          tests: { tests: 5, passed: 5, failed: 0, skipped: 0 },
          implAgent: "backend-developer",
          implStatus: "success",
          filesModified: ["src/service.test.ts", "src/service.ts"],
          commit: "c3c3c3c",
          acChecklistComplete: true,
          error: null,
        },
        {
          ...common,
          storyId: "WS3",
          title: "Emails",
          wave: 2,
          status: "failed",
          testFile: null,
          testsPassed: null,
          tests: null,
          implAgent: "frontend-developer",
          implStatus: "failed",
          filesModified: null,
          commit: null,
          acChecklistComplete: null,
          error: "the agent exited with 1: type error in src/emails.ts:4",
        },
        {
          ...common,
          storyId: "WS4",
          title: "API",
          wave: 3,
          status: "pending",
          testFile: null,
          testsPassed: null,
          tests: null,
          implAgent: "backend-developer",
          implStatus: "pending",
          filesModified: null,
          commit: null,
          acChecklistComplete: null,
          error: null,
        },
      ],
      totalTestsCovered: 5,
      totalTestsPassed: 5,
    });
  });

  it("leaves test totals null when no story carries test evidence, and counts a running story as remaining", () => {
    const result = toRunResult(runningTaskListSnapshot());
    expect(result.storiesCompleted).toEqual(["1", "3"]);
    expect(result.storiesRemaining).toEqual(["2"]);
    expect(result.totalTestsCovered).toBeNull();
    expect(result.totalTestsPassed).toBeNull();
  });

  it("reports failing tests as testsPassed false, and a verify step's outcome", () => {
    const snapshot = failedRunSnapshot();
    const ws2 = snapshot.stories[1];
    if (!ws2) throw new Error("fixture changed");
    ws2.steps = [
      ...ws2.steps.map((step) =>
        step.kind === "implement"
          ? {
              ...step,
              result: { files: ["src/service.ts"], evidence: { tests: { tests: 6, passed: 4, failed: 2 } } },
            }
          : step,
      ),
      {
        kind: "verify",
        position: 2,
        status: "failed",
        attempts: 1,
        startedAt: null,
        finishedAt: null,
        result: { acceptanceCriteria: [{ text: "Sends one email per invoice", done: false }] },
        error: "2 tests failed",
      },
    ];
    const story = toRunResult(snapshot).results[1];
    expect(story?.testsPassed).toBe(false);
    expect(story?.tests).toEqual({ tests: 6, passed: 4, failed: 2, skipped: 0 });
    expect(story?.verifiedProduction).toBe(false);
    // A step's own AC report wins over the spec's boxes.
    expect(story?.acChecklistComplete).toBe(false);
  });

  it("reads the verify step's stored evidence summary: total, test file and coverage", () => {
    const snapshot = failedRunSnapshot();
    const ws2 = snapshot.stories[1];
    if (!ws2) throw new Error("fixture changed");
    ws2.steps = [
      ...ws2.steps,
      {
        kind: "verify",
        position: 2,
        status: "succeeded",
        attempts: 1,
        startedAt: null,
        finishedAt: null,
        result: {
          files: ["src/service.ts", "src/service.test.ts"],
          commit: "e5e5e5e",
          evidence: {
            testFile: "test/service.spec.ts",
            tests: { total: 3, passed: 3, failed: 0, skipped: 0 },
            coverage: { lines: 91.5, branches: 80, functions: 100 },
          },
        },
        error: null,
      },
    ];
    const story = toRunResult(snapshot).results[1];
    expect(story).toMatchObject({
      testFile: "test/service.spec.ts",
      testsPassed: true,
      tests: { tests: 3, passed: 3, failed: 0, skipped: 0 },
      coverage: { lines: 91.5, branches: 80, functions: 100 },
      commit: "e5e5e5e",
      verifiedProduction: true,
    });
  });

  it("ignores result keys of the wrong type instead of trusting them", () => {
    const snapshot = failedRunSnapshot();
    const ws1 = snapshot.stories[0];
    if (!ws1?.steps[0]) throw new Error("fixture changed");
    ws1.steps[0].result = {
      files: "src/schema.ts",
      commit: 7,
      evidence: { tests: { tests: "5", passed: 5 } },
    };
    const story = toRunResult(snapshot).results[0];
    expect(story?.filesModified).toBeNull();
    expect(story?.commit).toBeNull();
    expect(story?.tests).toBeNull();
    expect(story?.testsPassed).toBeNull();
  });
});

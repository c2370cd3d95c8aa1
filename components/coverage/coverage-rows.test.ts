import { describe, expect, it } from "vitest";
import type { RunView, StoryView } from "../runs/types";
import { coverageRows, defaultThresholds, parseSort, sortRows, thresholdsOf } from "./coverage-rows";

function story(key: string, evidence: Record<string, unknown> | null, status = "succeeded"): StoryView {
  return {
    id: `story_${key}`,
    key,
    title: `Title ${key}`,
    role: "backend-developer",
    status: status as StoryView["status"],
    waveIndex: 0,
    dependsOn: [],
    startedAt: null,
    finishedAt: null,
    error: null,
    steps: evidence
      ? [
          {
            id: `step_${key}`,
            kind: "verify",
            status: "succeeded",
            attempts: 1,
            startedAt: null,
            finishedAt: null,
            result: { evidence },
            error: null,
          },
        ]
      : [],
  };
}

const evidence = (lines: number | null, branches: number | null, failed = 0) => ({
  tests: { total: 4, passed: 4 - failed, failed, skipped: 0 },
  coverage: { lines, branches, functions: 90, changedLines: lines === null ? null : lines - 1 },
  files: [],
  outputTail: "",
});

function run(stories: StoryView[], settings?: Record<string, unknown>): RunView {
  return {
    id: "run_1",
    projectId: "prj_demo",
    status: "succeeded",
    mode: "waves",
    currentWave: 0,
    error: null,
    startedBy: null,
    createdAt: "2026-01-01T00:00:00Z",
    startedAt: null,
    finishedAt: null,
    spec: { id: "spec_1", name: "Spec", format: "exec-spec" },
    lastEventId: "0",
    waves: [],
    stories,
    approvals: [],
    settings,
  };
}

describe("coverageRows", () => {
  it("reads tests and coverage from the verify step and flags values under the thresholds", () => {
    const rows = coverageRows(
      run([
        story("WS1", evidence(92, 75)),
        story("WS2", evidence(79.9, 70, 1)),
        story("WS3", evidence(80, 69)),
      ]),
      defaultThresholds,
    );
    expect(
      rows.map((r) => [r.key, r.tests, r.passed, r.failed, r.lines, r.branches, r.changedLines]),
    ).toEqual([
      ["WS1", 4, 4, 0, 92, 75, 91],
      ["WS2", 4, 3, 1, 79.9, 70, 78.9],
      ["WS3", 4, 4, 0, 80, 69, 79],
    ]);
    expect(rows.map((r) => [r.linesBelow, r.branchesBelow])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
  });

  it("leaves an item that has not been verified unmeasured, not below", () => {
    const [row] = coverageRows(run([story("WS9", null, "running")]), defaultThresholds);
    expect(row).toMatchObject({
      tests: null,
      lines: null,
      branches: null,
      linesBelow: false,
      branchesBelow: false,
    });
  });

  it("uses thresholds from the run's settings when it has them", () => {
    expect(thresholdsOf(run([], { coverageThresholds: { lines: 90 } }))).toEqual({ lines: 90, branches: 70 });
    expect(thresholdsOf(run([]))).toEqual(defaultThresholds);
  });
});

describe("sorting", () => {
  const rows = coverageRows(
    run([story("WS10", evidence(50, 50)), story("WS2", null), story("WS1", evidence(90, 40))]),
    defaultThresholds,
  );

  it("sorts by a number column either way, unmeasured last", () => {
    expect(sortRows(rows, "lines", "asc").map((r) => r.key)).toEqual(["WS10", "WS1", "WS2"]);
    expect(sortRows(rows, "lines", "desc").map((r) => r.key)).toEqual(["WS1", "WS10", "WS2"]);
  });

  it("sorts keys in natural order", () => {
    expect(sortRows(rows, "key", "asc").map((r) => r.key)).toEqual(["WS1", "WS2", "WS10"]);
  });

  it("reads the sort from the URL and ignores unknown columns", () => {
    expect(parseSort(new URLSearchParams("sort=branches&dir=desc"))).toEqual({
      sort: "branches",
      dir: "desc",
    });
    expect(parseSort(new URLSearchParams("sort=__proto__&dir=up"))).toEqual({ sort: "key", dir: "asc" });
  });
});

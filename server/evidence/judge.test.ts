import { describe, expect, it } from "vitest";
import type { Evidence } from "./collect";
import { judgeEvidence } from "./judge";
import type { TestReport } from "./types";

const passing: TestReport = {
  format: "junit",
  tests: 2,
  passed: 2,
  failed: 0,
  skipped: 0,
  cases: [
    { name: "adds", status: "passed" },
    { name: "subtracts", status: "passed" },
  ],
};

function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    workspaceDir: "/w",
    command: { command: "npm", args: ["test"] },
    startedAt: "2026-11-21T10:00:00.000Z",
    durationMs: 1200,
    exitCode: 0,
    signal: null,
    timedOut: false,
    cancelled: false,
    spawnError: null,
    outputTail: "",
    tests: passing,
    testsSource: ["junit.xml"],
    coverage: null,
    coverageSource: null,
    changedLinesCoverage: null,
    reports: [],
    outputs: [{ path: "src/math.ts", status: "present" }],
    claimedFiles: [{ path: "src/math.ts", status: "present" }],
    ...overrides,
  };
}

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe("judgeEvidence", () => {
  it("calls an item done when tests ran and passed, outputs exist and there is a commit", () => {
    expect(judgeEvidence(evidence(), { commit: COMMIT })).toEqual({ done: true });
  });

  it("is not fooled by exit code 0 when tests failed", () => {
    const failing: TestReport = {
      ...passing,
      passed: 1,
      failed: 1,
      cases: [
        passing.cases[0] ?? { name: "adds", status: "passed" },
        { name: "subtracts", status: "failed", message: "expected 1 to be 2" },
      ],
    };
    expect(judgeEvidence(evidence({ tests: failing }), { commit: COMMIT })).toEqual({
      done: false,
      reasons: ['1 of 2 tests failed: "subtracts" (expected 1 to be 2).'],
    });
  });

  it("refuses when no tests ran, or all were skipped", () => {
    const none = judgeEvidence(evidence({ tests: null }), { commit: COMMIT });
    expect(none).toMatchObject({ done: false, reasons: [expect.stringMatching(/^No tests ran/)] });
    const skipped = { ...passing, passed: 0, skipped: 2, cases: [] };
    expect(judgeEvidence(evidence({ tests: skipped }), { commit: COMMIT })).toMatchObject({
      reasons: [expect.stringContaining("all were skipped")],
    });
  });

  it("refuses a non-zero exit even when every test passed", () => {
    expect(judgeEvidence(evidence({ exitCode: 1 }), { commit: COMMIT })).toEqual({
      done: false,
      reasons: ["The test command `npm test` exited with code 1, not 0."],
    });
  });

  it("explains timeouts and commands that could not start", () => {
    expect(
      judgeEvidence(evidence({ timedOut: true, exitCode: null, durationMs: 30_000 }), { commit: COMMIT }),
    ).toMatchObject({
      reasons: ["The tests did not finish in time (stopped after 30 s)."],
    });
    const spawn = judgeEvidence(evidence({ spawnError: "spawn npm ENOENT", exitCode: null, tests: null }), {
      commit: COMMIT,
    });
    expect(spawn).toMatchObject({
      reasons: [expect.stringContaining("could not be started: spawn npm ENOENT")],
    });
  });

  it("lists missing and refused outputs", () => {
    const verdict = judgeEvidence(
      evidence({
        outputs: [
          { path: "src/a.ts", status: "missing" },
          { path: "../etc/passwd", status: "rejected", reason: "paths may not contain '..'" },
        ],
      }),
      { commit: COMMIT },
    );
    expect(verdict).toEqual({
      done: false,
      reasons: [
        'Expected output "src/a.ts" does not exist.',
        "Expected output \"../etc/passwd\" cannot be accepted: paths may not contain '..'.",
      ],
    });
  });

  it("catches claimed files that are missing, unchecked or not in the commit", () => {
    const verdict = judgeEvidence(
      evidence({
        claimedFiles: [
          { path: "src/math.ts", status: "present" },
          { path: "src/ghost.ts", status: "missing" },
          { path: "src/old.ts", status: "present" },
        ],
      }),
      {
        commit: COMMIT,
        claimedFiles: ["src/math.ts", "src/ghost.ts", "src/old.ts", "src/unchecked.ts"],
        changedFiles: ["src/math.ts"],
      },
    );
    expect(verdict).toEqual({
      done: false,
      reasons: [
        'The agent says it wrote "src/ghost.ts", but the file does not exist.',
        'The agent says it wrote "src/old.ts", but the item\'s commit does not change it.',
        'The agent says it wrote "src/unchecked.ts", but that file was not checked.',
      ],
    });
  });

  it("treats ./src/math.ts and src/math.ts as the same claim", () => {
    expect(judgeEvidence(evidence(), { commit: COMMIT, claimedFiles: ["./src/math.ts"] })).toEqual({
      done: true,
    });
  });

  it("requires a real commit id", () => {
    expect(judgeEvidence(evidence(), { commit: null })).toMatchObject({
      reasons: [expect.stringMatching(/^No commit was recorded/)],
    });
    expect(judgeEvidence(evidence(), { commit: "HEAD" })).toMatchObject({
      reasons: ['"HEAD" is not a git commit id.'],
    });
  });
});

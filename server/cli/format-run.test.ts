import { describe, expect, it } from "vitest";
import { readCliEnv } from "./cli-env";
import { ApiError, exitCodeFor, UnreachableError, UsageError } from "./exit-codes";
import { formatRunStatus, progressBar, progressLines } from "./format-run";
import { runView, waitingView } from "./test-fixtures";

describe("progress bars", () => {
  it("fills in proportion, and shows an empty wave as full", () => {
    expect(progressBar(0, 4, 8)).toBe("[░░░░░░░░]");
    expect(progressBar(1, 4, 8)).toBe("[██░░░░░░]");
    expect(progressBar(4, 4, 8)).toBe("[████████]");
    expect(progressBar(0, 0, 4)).toBe("[████]");
  });
});

describe("the status view", () => {
  it("shows each wave with its bar (numbered from 1) and its items", () => {
    const text = formatRunStatus(runView());
    expect(text).toContain(
      "Run run_0000000000000000000001: running\nSpec: demo.md (exec-spec), mode waves\n",
    );
    expect(text).toContain(
      "Wave 1 Foundations  [██████████░░░░░░░░░░] 1/2  running\n  ✓ WS1 Item WS1: succeeded\n",
    );
    expect(text).toContain("Wave 2 Services  [░░░░░░░░░░░░░░░░░░░░] 0/1  pending\n  · WS3 Item WS3: pending");
  });

  it("names the command a person needs when a wave awaits approval or the run is paused", () => {
    const waiting = waitingView("awaiting_approval");
    expect(formatRunStatus(waiting)).toContain(
      "Wave 1 (Foundations) needs approval: run `specwave approve run_0000000000000000000001` to continue.",
    );
    expect(formatRunStatus({ ...waiting, status: "paused" })).toContain(
      "Paused before wave 2: run `specwave resume run_0000000000000000000001` to go on.",
    );
  });
});

describe("watch output", () => {
  it("prints started waves first, then items as they finish and bars as they move", () => {
    const first = runView();
    expect(progressLines(undefined, first)).toEqual([
      "  ✓ WS1 Item WS1: succeeded",
      expect.stringMatching(/^Wave 1 /),
    ]);
    const next = runView({
      status: "succeeded",
      waves: first.waves.map((w) => ({ ...w, status: "passed" })),
      stories: first.stories.map((s) => ({
        ...s,
        status: s.key === "WS3" ? "failed" : "succeeded",
        error: null,
      })),
    });
    expect(progressLines(first, next)).toEqual([
      "  ✓ WS2 Item WS2: succeeded",
      "Wave 1 Foundations  [████████████████████] 2/2  passed",
      "  ✗ WS3 Item WS3: failed",
      "Wave 2 Services  [████████████████████] 1/1  passed",
      "Run run_0000000000000000000001: succeeded",
    ]);
    expect(progressLines(next, next)).toEqual([]);
  });
});

describe("exit codes", () => {
  it("maps each failure to 1, 2 or 3", () => {
    expect(exitCodeFor(new UsageError("x"))).toBe(2);
    expect(exitCodeFor(new UnreachableError("x"))).toBe(3);
    expect(exitCodeFor(new ApiError(401, "unauthorized", "x"))).toBe(3);
    expect(exitCodeFor(new ApiError(403, "forbidden", "x"))).toBe(3);
    expect(exitCodeFor(new ApiError(503, "unavailable", "x"))).toBe(3);
    expect(exitCodeFor(new ApiError(404, "not_found", "x"))).toBe(2);
    expect(exitCodeFor(new ApiError(422, "invalid_spec", "x"))).toBe(2);
    expect(exitCodeFor(new ApiError(500, "internal", "x"))).toBe(1);
    expect(exitCodeFor(new Error("x"))).toBe(1);
  });
});

describe("the CLI environment", () => {
  it("reads SPECWAVE_URL and SPECWAVE_TOKEN, empty meaning unset", () => {
    expect(readCliEnv({ SPECWAVE_URL: "http://x:1", SPECWAVE_TOKEN: "t" })).toEqual({
      url: "http://x:1",
      token: "t",
    });
    expect(readCliEnv({ SPECWAVE_URL: "", SPECWAVE_TOKEN: "" })).toEqual({
      url: undefined,
      token: undefined,
    });
  });
});

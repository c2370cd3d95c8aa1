import { afterEach, describe, expect, it } from "vitest";
import { createDemoAgent, demoFailsAttempt } from "./demo";
import { makeTask, type TaskHarness } from "./testing/task-fixtures";

describe("demoFailsAttempt", () => {
  it("fails a plain id on every attempt", () => {
    for (const attempt of [1, 2, 3, 10]) expect(demoFailsAttempt(["FAIL1"], "FAIL1", attempt)).toBe(true);
    expect(demoFailsAttempt(["FAIL1"], "FAIL2", 1)).toBe(false);
  });

  it("fails ID@N on attempts 1..N only", () => {
    expect([1, 2, 3, 4].map((attempt) => demoFailsAttempt(["RETRY1@2"], "RETRY1", attempt))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(demoFailsAttempt(["RETRY1@2"], "RETRY", 1)).toBe(false);
    expect(demoFailsAttempt(["RETRY1@0"], "RETRY1", 1)).toBe(false);
  });

  it("reads an @ that is not followed by a number as part of the id", () => {
    expect(demoFailsAttempt(["US@x"], "US@x", 5)).toBe(true);
    expect(demoFailsAttempt(["US@x"], "US", 1)).toBe(false);
    expect(demoFailsAttempt(["A", "B@1"], "B", 2)).toBe(false);
    expect(demoFailsAttempt(["A", "B@1"], "A", 2)).toBe(true);
  });
});

describe("the demo implementer with ID@N", () => {
  let harness: TaskHarness | undefined;
  afterEach(async () => harness?.cleanup());

  it("exits 1 on attempt N and writes its files on attempt N+1", async () => {
    const agent = createDemoAgent({ durationMs: { min: 0, max: 0 }, failItems: ["T014@2"] });
    harness = await makeTask();
    const failed = await agent.run({ ...harness.task, attempt: 2 });
    expect(failed.exitCode).toBe(1);
    expect(failed.outputTail).toContain("T014 was asked to fail (attempt 2)");
    const passed = await agent.run({ ...harness.task, attempt: 3 });
    expect(passed.exitCode).toBe(0);
    expect(passed.claimedFiles.length).toBeGreaterThan(0);
  });
});

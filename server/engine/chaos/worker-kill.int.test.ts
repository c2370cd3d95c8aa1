import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChaosStack, startChaosStack } from "../../testing/chaos/chaos-stack";
import type { SpecwaveProcess } from "../../testing/chaos/child-processes";
import { generatedExecSpec } from "../../testing/chaos/generated-spec";
import { commitsPerStory, runningSteps, summariseRun, waitForRunToEnd } from "../../testing/chaos/run-checks";
import { waitFor } from "../../testing/engine-harness";

/**
 * kill -9 of a worker process in the middle of steps, five times in one run. One worker runs at
 * a time, so every step PostgreSQL shows as claimed since that worker started is its own: each
 * kill provably interrupts a step. A fresh worker is started at once after each kill.
 */
const lockSeconds = 2;
/**
 * How long an interrupted step may wait to be claimed again. The lock is 2 s; BullMQ notices a
 * stalled job on its next stalled check, so a worker that checks about once per lock period
 * recovers it within a few seconds. Ten lock periods leave room for a loaded machine.
 */
const reclaimWithinMs = lockSeconds * 1000 * 10;

let stack: ChaosStack;

beforeAll(async () => {
  stack = await startChaosStack({ agentMs: "200-600", jobLockSeconds: lockSeconds, reconcileSeconds: 0.5 });
});

afterAll(async () => {
  await stack?.close();
});

async function claimedAgainAfter(stepIds: string[], killedAt: Date): Promise<void> {
  const db = stack.services.db;
  try {
    await waitFor(
      () => db.step.findMany({ where: { id: { in: stepIds } }, select: { startedAt: true, status: true } }),
      (steps) => steps.every((step) => step.status !== "running" || (step.startedAt ?? killedAt) > killedAt),
      reclaimWithinMs,
    );
  } catch {
    throw new Error(
      `steps ${stepIds.join(", ")} of the killed worker were not claimed again within ${reclaimWithinMs} ms ` +
        `(job lock ${lockSeconds} s): their jobs stay active in Redis until BullMQ's stalled check runs`,
    );
  }
}

describe("worker killed with SIGKILL mid-step", () => {
  it("completes the run with exactly one success per story after five kills", async () => {
    const db = stack.services.db;
    let worker: SpecwaveProcess = await stack.startWorker();
    let workerSince = new Date(0);
    const runId = await stack.startRun(generatedExecSpec({ items: 30, phases: 3 }), {
      approval: "automatic",
    });
    const interrupted = new Set<string>();

    for (let kill = 0; kill < 5; kill++) {
      const since = workerSince;
      // A step the current worker claimed: it is the only worker, and the claim is newer than it.
      const claimedByThisWorker = (steps: Awaited<ReturnType<typeof runningSteps>>) =>
        steps.filter((step) => step.startedAt !== null && step.startedAt > since);
      await waitFor(
        () => runningSteps(db, runId),
        (steps) => claimedByThisWorker(steps).length > 0,
        60_000,
      );
      // Land somewhere inside the agent's 200-600 ms rather than right at the claim.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
      const victims = claimedByThisWorker(await runningSteps(db, runId)).map((step) => step.id);
      await worker.kill9();
      const killedAt = new Date();
      expect(victims.length, `kill ${kill + 1} interrupted a running step`).toBeGreaterThan(0);
      for (const id of victims) interrupted.add(id);
      workerSince = new Date();
      worker = await stack.startWorker();
      await claimedAgainAfter(victims, killedAt);
    }

    await waitForRunToEnd(db, runId, 200_000);
    const summary = await summariseRun(db, runId);
    expect(summary.status).toBe("succeeded");
    expect(summary.stories).toHaveLength(30);
    expect(summary.stories.filter((story) => story.status !== "succeeded")).toEqual([]);
    expect(summary.storiesWithoutExactlyOneSuccess).toEqual([]);
    expect(summary.implementStepsWithoutOneSucceededAttempt).toEqual([]);
    expect(summary.unfinishedSteps).toEqual([]);
    expect(summary.waves).toEqual(["passed", "passed", "passed"]);
    expect(summary.startsBeforeDependencies).toEqual([]);
    // Every interrupted step was claimed again after its worker died, and then succeeded once.
    for (const stepId of interrupted) expect(summary.attempts.get(stepId)).toBeGreaterThanOrEqual(2);
    // One commit of work per story in the workspace, however often its step was started.
    const commits = await commitsPerStory(stack.dataDir, runId);
    expect(summary.stories.filter((story) => commits.get(story.key) !== 1).map((story) => story.key)).toEqual(
      [],
    );
    expect(worker.isRunning()).toBe(true);
  }, 300_000);
});

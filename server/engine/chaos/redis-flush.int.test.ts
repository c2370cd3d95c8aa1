import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allStepQueueNames } from "../../queue/catalog";
import { type ChaosStack, startChaosStack } from "../../testing/chaos/chaos-stack";
import { generatedExecSpec } from "../../testing/chaos/generated-spec";
import { commitsPerStory, summariseRun, waitForRunToEnd } from "../../testing/chaos/run-checks";
import { waitFor } from "../../testing/engine-harness";

/**
 * FLUSHALL on the run's Redis while steps wait on their queues: every waiting job is gone, and
 * only the reconciler (PostgreSQL says "queued", the queue has nothing) can bring them back.
 * A concurrency of 5 keeps waiting jobs on the queue at any moment of a 10-story wave.
 */
let stack: ChaosStack;

beforeAll(async () => {
  stack = await startChaosStack({
    agentMs: "200-600",
    jobLockSeconds: 2,
    reconcileSeconds: 0.5,
    concurrency: 5,
  });
});

afterAll(async () => {
  await stack?.close();
});

const waitingJobs = async () => {
  const counts = await Promise.all(
    // Waiting jobs: the plain wait list and the prioritized set (every job but an unlocked item's first step).
    allStepQueueNames.map((name) =>
      stack.services.dispatcher.queue(name).getJobCountByTypes("waiting", "prioritized"),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
};

describe("Redis flushed in the middle of a run", () => {
  it("completes the run after the reconciler restores the lost jobs", async () => {
    const db = stack.services.db;
    const worker = await stack.startWorker();
    const runId = await stack.startRun(generatedExecSpec({ items: 30, phases: 3 }), {
      approval: "automatic",
    });

    // Mid-run: the second wave is going, some of its steps still wait on the queue.
    await waitFor(
      () =>
        Promise.all([
          db.run.findUniqueOrThrow({ where: { id: runId }, select: { currentWave: true } }),
          db.step.count({ where: { runId, status: "queued" } }),
        ]),
      ([run, queued]) => run.currentWave === 1 && queued > 0,
      60_000,
    );
    const waitingInRedis = await waitingJobs();
    await stack.redis.flushAll();
    expect(await waitingJobs()).toBe(0);

    await waitForRunToEnd(db, runId, 200_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output().slice(-6000)}`);
    });
    const summary = await summariseRun(db, runId);
    expect(summary.status).toBe("succeeded");
    expect(summary.stories.filter((story) => story.status !== "succeeded")).toEqual([]);
    expect(summary.stories).toHaveLength(30);
    expect(summary.storiesWithoutExactlyOneSuccess).toEqual([]);
    expect(summary.implementStepsWithoutOneSucceededAttempt).toEqual([]);
    expect(summary.unfinishedSteps).toEqual([]);
    expect(summary.startsBeforeDependencies).toEqual([]);
    const commits = await commitsPerStory(stack.dataDir, runId);
    expect(summary.stories.filter((story) => commits.get(story.key) !== 1).map((story) => story.key)).toEqual(
      [],
    );

    // The flush really removed waiting jobs, and the worker's reconciler put them back.
    expect(waitingInRedis).toBeGreaterThan(0);
    expect(worker.output()).toMatch(/reconciler put lost steps back on their queues/);
    expect(worker.isRunning()).toBe(true);
  }, 300_000);
});

import { afterAll, describe, expect, it } from "vitest";
import { stepQueues } from "../queue/catalog";
import { type ChaosStack, startChaosStack } from "../testing/chaos/chaos-stack";
import { generatedExecSpec } from "../testing/chaos/generated-spec";
import { waitForRunToEnd } from "../testing/chaos/run-checks";

/**
 * A queue's concurrency holds across all worker processes, on both queue backends: two workers,
 * each allowed 3 jobs at once, never run more than 3 implementer steps together between them.
 * Without the queue's global limit they could run 6.
 */
const limit = 3;
const stacks: ChaosStack[] = [];

afterAll(async () => {
  for (const stack of stacks) await stack.close();
});

/** The most steps whose claim → finish windows overlap (PostgreSQL's timestamps of each step). */
function mostAtOnce(steps: { startedAt: Date | null; finishedAt: Date | null }[]): number {
  const edges: [number, number][] = [];
  for (const step of steps) {
    if (!step.startedAt || !step.finishedAt) continue;
    edges.push([step.startedAt.getTime(), 1], [step.finishedAt.getTime(), -1]);
  }
  // At the same millisecond a finish comes first: the slot was free again.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let most = 0;
  for (const [, change] of edges) {
    current += change;
    most = Math.max(most, current);
  }
  return most;
}

describe.each(["redis", "postgres"] as const)("a queue's concurrency on the %s backend", (queue) => {
  it("holds across two worker processes", async () => {
    const stack = await startChaosStack({ agentMs: "250-350", agent: "noop", concurrency: limit, queue });
    stacks.push(stack);
    await Promise.all([stack.startWorker(), stack.startWorker()]);
    const runId = await stack.startRun(
      generatedExecSpec({ items: 18, phases: 1, name: "EXEC-SPEC-GLOBAL" }),
      {
        approval: "automatic",
        tdd: false,
      },
    );
    const run = await waitForRunToEnd(stack.services.db, runId, 240_000);
    expect(run.status).toBe("succeeded");

    // Both processes were there to take jobs from the implementers' queue.
    const workers = await stack.services.dispatcher.queue(stepQueues.implement).getWorkers();
    expect(workers.length).toBe(2);
    const steps = await stack.services.db.step.findMany({
      where: { story: { runId }, kind: "implement" },
      select: { startedAt: true, finishedAt: true },
    });
    expect(steps).toHaveLength(18);
    // The limit is reached (eighteen items were ready at once) and never passed.
    expect(mostAtOnce(steps)).toBe(limit);
  }, 300_000);
});

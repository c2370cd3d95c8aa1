import type { EngineDeps } from "./types";

export interface QueueProbe {
  /** True when the queue still holds the job (waiting, delayed, active). */
  hasJob(queue: string, stepId: string, dispatch: number): Promise<boolean>;
}

/**
 * Steps that PostgreSQL says are queued or running but that the queue has lost (a Redis restart,
 * a flushed queue) are put back under the same deterministic job id. Safe to run at any time,
 * from any number of processes: re-adding a job the queue holds is a no-op, and a step that
 * already finished ignores its job.
 */
export async function reconcile(
  deps: EngineDeps,
  probe: QueueProbe,
  options: { graceMs?: number } = {},
): Promise<number> {
  const before = new Date(Date.now() - (options.graceMs ?? 2000));
  const steps = await deps.db.step.findMany({
    where: {
      status: { in: ["queued", "running"] },
      queuedAt: { lt: before },
      run: { status: { in: ["running", "awaiting_approval", "paused"] } },
    },
    select: { id: true, runId: true, queue: true, dispatch: true },
    take: 1000,
  });
  const lost = [];
  for (const step of steps) {
    if (!(await probe.hasJob(step.queue, step.id, step.dispatch))) {
      lost.push({ stepId: step.id, runId: step.runId, queue: step.queue, dispatch: step.dispatch });
    }
  }
  await deps.enqueue(lost);
  return lost.length;
}

import { gateQueue } from "../queue/catalog";
import type { DispatchJob, EngineDeps } from "./types";
import { closeFinishedWaves } from "./wave-close";

export interface QueueProbe {
  /** True when the queue still holds the job (waiting, delayed, active). */
  hasJob(queue: string, id: string, dispatch: number): Promise<boolean>;
}

/**
 * Work that PostgreSQL says is queued or running but that the queue has lost (a Redis restart, a
 * flushed queue, a crash between commit and enqueue) is put back under the same deterministic
 * job id, and a wave left open after its last story is closed. Safe at any time from any number
 * of processes: re-adding a job the queue holds is a no-op, and a step or gate that already
 * finished ignores its job.
 */
export async function reconcile(
  deps: EngineDeps,
  probe: QueueProbe,
  options: {
    graceMs?: number;
    /**
     * The running steps the previous pass found without a job (a process's own, kept between its
     * passes). Given, a running step is restored only when it was lost in that pass too: a worker
     * gives a job's slot back before the step's outcome commits, so for a moment a running step
     * has no job and is not lost. Not given (a one-off pass), it is restored at once.
     */
    lostBefore?: Set<string>;
  } = {},
): Promise<number> {
  // A wave whose last story finished in one statement is closed right after it; this catches
  // the wave whose finishing process died in between.
  const closed = await closeFinishedWaves(deps);
  const before = new Date(Date.now() - (options.graceMs ?? 2000));
  const active = {
    status: {
      in: ["running", "awaiting_approval", "paused"] as ("running" | "awaiting_approval" | "paused")[],
    },
  };
  const steps = await deps.db.step.findMany({
    where: { status: { in: ["queued", "running"] }, queuedAt: { lt: before }, run: active },
    select: { id: true, runId: true, queue: true, dispatch: true, rank: true, status: true, attempts: true },
    take: 1000,
  });
  const gating = await deps.db.wave.findMany({
    where: { status: "gating", run: active },
    select: { id: true, runId: true },
    take: 100,
  });
  const candidates: (DispatchJob & { running?: string })[] = [
    ...steps.map((step) => ({
      stepId: step.id,
      runId: step.runId,
      queue: step.queue,
      dispatch: step.dispatch,
      rank: step.rank,
      // A running step is the same loss in the next pass only in the same attempt.
      ...(step.status === "running" ? { running: `${step.id}:${step.attempts}` } : {}),
    })),
    ...gating.map((wave) => ({ stepId: wave.id, runId: wave.runId, queue: gateQueue, dispatch: 1 })),
  ];
  const lost: DispatchJob[] = [];
  const runningLost = new Set<string>();
  for (const { running, ...job } of candidates) {
    if (await probe.hasJob(job.queue, job.stepId, job.dispatch)) continue;
    if (running !== undefined && options.lostBefore) {
      runningLost.add(running);
      if (!options.lostBefore.has(running)) continue;
    }
    lost.push(job);
  }
  if (options.lostBefore) {
    options.lostBefore.clear();
    for (const key of runningLost) options.lostBefore.add(key);
  }
  await deps.enqueue(lost);
  return closed + lost.length;
}

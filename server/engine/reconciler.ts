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
  options: { graceMs?: number } = {},
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
    select: { id: true, runId: true, queue: true, dispatch: true },
    take: 1000,
  });
  const gating = await deps.db.wave.findMany({
    where: { status: "gating", run: active },
    select: { id: true, runId: true },
    take: 100,
  });
  const candidates: DispatchJob[] = [
    ...steps.map((step) => ({
      stepId: step.id,
      runId: step.runId,
      queue: step.queue,
      dispatch: step.dispatch,
    })),
    ...gating.map((wave) => ({ stepId: wave.id, runId: wave.runId, queue: gateQueue, dispatch: 1 })),
  ];
  const lost: DispatchJob[] = [];
  for (const job of candidates) {
    if (!(await probe.hasJob(job.queue, job.stepId, job.dispatch))) lost.push(job);
  }
  await deps.enqueue(lost);
  return closed + lost.length;
}

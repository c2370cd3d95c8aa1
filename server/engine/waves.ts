import { dispatchReady, gateJob } from "./dispatch";
import { emptyTransition, merge, type Transition } from "./transition";
import { isActive, type RunContext, type Tx } from "./types";

/**
 * Wave and run transitions. Every status change of waves and runs happens here, inside the
 * caller's transaction, with its event.
 */

/** Opens wave `index` (all waves at once in eager mode), skipping waves already done. */
export async function openWave(tx: Tx, run: RunContext, index: number): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  const waves = await tx.wave.findMany({
    where: { runId: run.id, index: { gte: index }, status: "pending" },
    orderBy: { index: "asc" },
  });
  if (waves.length === 0) return merge(out, await finishRun(tx, run));
  const opening = run.settings.mode === "eager" ? waves : waves.slice(0, 1);
  for (const wave of opening) {
    await tx.wave.update({ where: { id: wave.id }, data: { status: "running", startedAt: now } });
    out.events.push({
      type: "wave:updated",
      payload: { waveId: wave.id, index: wave.index, status: "running", startedAt: now.toISOString() },
    });
  }
  const first = opening[0];
  if (first) {
    await tx.run.update({ where: { id: run.id }, data: { status: "running", currentWave: first.index } });
    out.events.push({ type: "run:updated", payload: { status: "running", currentWave: first.index } });
  }
  // A wave whose items were all done before the run closes at once.
  for (const wave of opening.filter((w) => w.remaining === 0)) {
    merge(out, await finishWave(tx, { ...run, status: "running" }, wave));
  }
  return merge(out, await dispatchReady(tx, { ...run, status: "running" }));
}

/**
 * The wave's last story finished: its gates run in the workspace (always at least the
 * clean-worktree check: a wave passes only with a clean run branch), then `afterGates` moves on.
 */
export async function finishWave(
  tx: Tx,
  run: RunContext,
  wave: { id: string; index: number; gates: string[] },
): Promise<Transition> {
  const moved = await tx.wave.updateMany({
    where: { id: wave.id, status: "running" },
    data: { status: "gating" },
  });
  if (moved.count === 0) return emptyTransition();
  const out = gateJob(run.id, wave.id);
  out.events.push({
    type: "wave:updated",
    payload: { waveId: wave.id, index: wave.index, status: "gating" },
  });
  return out;
}

/**
 * After the wave's gates: a failed gate stops a strict run; otherwise the wave passes (or is
 * marked failed when an item failed in a lenient run) and, with approval required, waits for a
 * person, unless a Continue arrived before the prompt (it is kept, not dropped).
 */
export async function afterGates(
  tx: Tx,
  run: RunContext,
  wave: { id: string; index: number },
  gatesPassed: boolean,
): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  const failedItems = await tx.story.count({ where: { waveId: wave.id, status: "failed" } });
  if (!gatesPassed && run.settings.strict) {
    await tx.wave.update({ where: { id: wave.id }, data: { status: "failed", finishedAt: now } });
    out.events.push({
      type: "wave:updated",
      payload: { waveId: wave.id, index: wave.index, status: "failed" },
    });
    return merge(out, await failRun(tx, run, `a gate of wave ${wave.index + 1} failed`));
  }
  const isLast = (await tx.wave.count({ where: { runId: run.id, index: { gt: wave.index } } })) === 0;
  const approvedAhead = (await tx.approval.count({ where: { waveId: wave.id, decision: "continue" } })) > 0;
  const pausedAhead = (await tx.approval.count({ where: { waveId: wave.id, decision: "pause" } })) > 0;
  // A Pause asked for during the wave, or the last wave the run was asked to go to, stops
  // even a run whose approvals are automatic; a Continue given ahead still wins.
  const stopHere =
    run.settings.mode !== "eager" && (pausedAhead || run.settings.stopAfterWave === wave.index);
  const continued =
    isLast ||
    approvedAhead ||
    run.settings.mode === "eager" ||
    (run.settings.approval === "automatic" && !stopHere);
  if (!continued && isActive(run)) {
    const runStatus = stopHere ? "paused" : "awaiting_approval";
    await tx.wave.update({ where: { id: wave.id }, data: { status: "awaiting_approval", finishedAt: now } });
    await tx.run.update({ where: { id: run.id }, data: { status: runStatus } });
    out.events.push(
      {
        type: "wave:updated",
        payload: {
          waveId: wave.id,
          index: wave.index,
          status: "awaiting_approval",
          finishedAt: now.toISOString(),
        },
      },
      { type: "run:updated", payload: { status: runStatus } },
      { type: "approval:requested", payload: { waveId: wave.id, index: wave.index } },
    );
    return out;
  }
  const status = failedItems > 0 || !gatesPassed ? "failed" : "passed";
  await tx.wave.update({ where: { id: wave.id }, data: { status, finishedAt: now } });
  out.events.push({
    type: "wave:updated",
    payload: { waveId: wave.id, index: wave.index, status, finishedAt: now.toISOString() },
  });
  if (!isActive(run)) return out;
  if (run.settings.mode === "eager") {
    // Eager waves can finish their gates at the same moment. Without this lock each of two such
    // transactions sees the other's wave still open and neither finishes the run; holding the
    // run's row, the second one counts after the first committed.
    await tx.$executeRaw`SELECT 1 FROM "Run" WHERE id = ${run.id} FOR UPDATE`;
    const open = await tx.wave.count({
      where: { runId: run.id, status: { in: ["pending", "running", "gating", "awaiting_approval"] } },
    });
    return open === 0 ? merge(out, await finishRun(tx, run)) : out;
  }
  return merge(out, await openWave(tx, run, wave.index + 1));
}

/** Every wave is closed: the run succeeded unless an item or a gate failed. */
export async function finishRun(tx: Tx, run: RunContext): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  const failedItems = await tx.story.count({ where: { runId: run.id, status: "failed" } });
  const failedGates = await tx.gateResult.count({ where: { runId: run.id, status: "failed" } });
  const status = failedItems + failedGates === 0 ? "succeeded" : "failed";
  const error = status === "failed" ? `${failedItems} item(s) and ${failedGates} gate(s) failed` : null;
  const moved = await tx.run.updateMany({
    where: { id: run.id, status: { in: ["pending", "running", "awaiting_approval", "paused"] } },
    data: { status, finishedAt: now, error },
  });
  if (moved.count === 1) {
    out.events.push({
      type: "run:updated",
      payload: { status, finishedAt: now.toISOString(), ...(error ? { error } : {}) },
    });
  }
  return out;
}

/** A strict run stops: work in flight finishes and is recorded, nothing new starts. */
export async function failRun(tx: Tx, run: RunContext, error: string): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  const moved = await tx.run.updateMany({
    where: { id: run.id, status: { in: ["pending", "running", "awaiting_approval", "paused"] } },
    data: { status: "failed", finishedAt: now, error },
  });
  if (moved.count === 1) {
    out.events.push({
      type: "run:updated",
      payload: { status: "failed", error, finishedAt: now.toISOString() },
    });
  }
  return out;
}

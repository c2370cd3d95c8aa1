import { dispatchReady, gateJob } from "./dispatch";
import type { Sql } from "./sql";
import { emptyTransition, merge, type Transition } from "./transition";
import { activeRunStatusList, isActive, type RunContext } from "./types";

/**
 * Wave and run transitions. Every status change of waves and runs happens here, inside the
 * caller's transaction, with its event.
 */

async function count(sql: Sql, text: string, params: readonly unknown[]): Promise<number> {
  const [row] = await sql.query<{ count: number }>(text, params);
  return row?.count ?? 0;
}

/** Opens wave `index` (all waves at once in eager mode), skipping waves already done. */
export async function openWave(sql: Sql, run: RunContext, index: number): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date().toISOString();
  const waves = await sql.query<{ id: string; index: number; remaining: number; gates: string[] }>(
    `SELECT id, index, remaining, gates FROM "Wave"
     WHERE "runId" = $1 AND index >= $2 AND status = 'pending' ORDER BY index`,
    [run.id, index],
  );
  if (waves.length === 0) return merge(out, await finishRun(sql, run));
  const opening = run.settings.mode === "eager" ? waves : waves.slice(0, 1);
  await sql.query(
    `UPDATE "Wave" SET status = 'running', "startedAt" = $2::timestamp(3) WHERE id = ANY($1::text[])`,
    [opening.map((wave) => wave.id), now],
  );
  for (const wave of opening) {
    out.events.push({
      type: "wave:updated",
      payload: { waveId: wave.id, index: wave.index, status: "running", startedAt: now },
    });
  }
  const first = opening[0];
  if (first) {
    await sql.query(`UPDATE "Run" SET status = 'running', "currentWave" = $2 WHERE id = $1`, [
      run.id,
      first.index,
    ]);
    out.events.push({ type: "run:updated", payload: { status: "running", currentWave: first.index } });
  }
  // A wave whose items were all done before the run closes at once.
  for (const wave of opening.filter((w) => w.remaining === 0)) {
    merge(out, await finishWave(sql, { ...run, status: "running" }, wave));
  }
  return merge(out, await dispatchReady(sql, { ...run, status: "running" }));
}

/**
 * The wave's last story finished: its gates run in the workspace (always at least the
 * clean-worktree check: a wave passes only with a clean run branch), then `afterGates` moves on.
 */
export async function finishWave(
  sql: Sql,
  run: RunContext,
  wave: { id: string; index: number; gates: string[] },
): Promise<Transition> {
  const moved = await sql.query(
    `UPDATE "Wave" SET status = 'gating' WHERE id = $1 AND status = 'running' RETURNING id`,
    [wave.id],
  );
  if (moved.length === 0) return emptyTransition();
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
  sql: Sql,
  run: RunContext,
  wave: { id: string; index: number },
  gatesPassed: boolean,
): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date().toISOString();
  const setWave = (status: string) =>
    sql.query(`UPDATE "Wave" SET status = $2::"WaveStatus", "finishedAt" = $3::timestamp(3) WHERE id = $1`, [
      wave.id,
      status,
      now,
    ]);
  const failedItems = await count(
    sql,
    `SELECT count(*)::int AS count FROM "Story" WHERE "waveId" = $1 AND status = 'failed'`,
    [wave.id],
  );
  if (!gatesPassed && run.settings.strict) {
    await setWave("failed");
    out.events.push({
      type: "wave:updated",
      payload: { waveId: wave.id, index: wave.index, status: "failed" },
    });
    return merge(out, await failRun(sql, run, `a gate of wave ${wave.index + 1} failed`));
  }
  const [facts] = await sql.query<{ later: number; continues: number; pauses: number }>(
    `SELECT
       (SELECT count(*)::int FROM "Wave" WHERE "runId" = $1 AND index > $2) AS later,
       (SELECT count(*)::int FROM "Approval" WHERE "waveId" = $3 AND decision = 'continue') AS continues,
       (SELECT count(*)::int FROM "Approval" WHERE "waveId" = $3 AND decision = 'pause') AS pauses`,
    [run.id, wave.index, wave.id],
  );
  const isLast = (facts?.later ?? 0) === 0;
  const approvedAhead = (facts?.continues ?? 0) > 0;
  const pausedAhead = (facts?.pauses ?? 0) > 0;
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
    await setWave("awaiting_approval");
    await sql.query(`UPDATE "Run" SET status = $2::"RunStatus" WHERE id = $1`, [run.id, runStatus]);
    out.events.push(
      {
        type: "wave:updated",
        payload: { waveId: wave.id, index: wave.index, status: "awaiting_approval", finishedAt: now },
      },
      { type: "run:updated", payload: { status: runStatus } },
      { type: "approval:requested", payload: { waveId: wave.id, index: wave.index } },
    );
    return out;
  }
  const status = failedItems > 0 || !gatesPassed ? "failed" : "passed";
  await setWave(status);
  out.events.push({
    type: "wave:updated",
    payload: { waveId: wave.id, index: wave.index, status, finishedAt: now },
  });
  if (!isActive(run)) return out;
  if (run.settings.mode === "eager") {
    // Eager waves can finish their gates at the same moment. Without this lock each of two such
    // transactions sees the other's wave still open and neither finishes the run; holding the
    // run's row, the second one counts after the first committed. NO KEY UPDATE: the steps'
    // event inserts (a foreign key share lock on the run's row) are not held up meanwhile.
    await sql.query(`SELECT 1 FROM "Run" WHERE id = $1 FOR NO KEY UPDATE`, [run.id]);
    const open = await count(
      sql,
      `SELECT count(*)::int AS count FROM "Wave"
       WHERE "runId" = $1 AND status IN ('pending', 'running', 'gating', 'awaiting_approval')`,
      [run.id],
    );
    return open === 0 ? merge(out, await finishRun(sql, run)) : out;
  }
  return merge(out, await openWave(sql, run, wave.index + 1));
}

/** Every wave is closed: the run succeeded unless an item or a gate failed. */
export async function finishRun(sql: Sql, run: RunContext): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date().toISOString();
  const [failed] = await sql.query<{ items: number; gates: number }>(
    `SELECT
       (SELECT count(*)::int FROM "Story" WHERE "runId" = $1 AND status = 'failed') AS items,
       (SELECT count(*)::int FROM "GateResult" WHERE "runId" = $1 AND status = 'failed') AS gates`,
    [run.id],
  );
  const failedItems = failed?.items ?? 0;
  const failedGates = failed?.gates ?? 0;
  const status = failedItems + failedGates === 0 ? "succeeded" : "failed";
  const error = status === "failed" ? `${failedItems} item(s) and ${failedGates} gate(s) failed` : null;
  const moved = await sql.query(
    `UPDATE "Run" SET status = $2::"RunStatus", "finishedAt" = $3::timestamp(3), error = $4
     WHERE id = $1 AND status IN ${activeRunStatusList} RETURNING id`,
    [run.id, status, now, error],
  );
  if (moved.length === 1) {
    out.events.push({
      type: "run:updated",
      payload: { status, finishedAt: now, ...(error ? { error } : {}) },
    });
  }
  return out;
}

/** A strict run stops: work in flight finishes and is recorded, nothing new starts. */
export async function failRun(sql: Sql, run: RunContext, error: string): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date().toISOString();
  const moved = await sql.query(
    `UPDATE "Run" SET status = 'failed', "finishedAt" = $2::timestamp(3), error = $3
     WHERE id = $1 AND status IN ${activeRunStatusList} RETURNING id`,
    [run.id, now, error],
  );
  if (moved.length === 1) {
    out.events.push({ type: "run:updated", payload: { status: "failed", error, finishedAt: now } });
  }
  return out;
}

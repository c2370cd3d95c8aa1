import type { PlanItem } from "../planning";
import { inTransaction } from "./sql";
import { type Success, stepGroups } from "./step-groups";
import { finishStory } from "./story-lifecycle";
import { commit, emptyTransition, merge } from "./transition";
import { type EngineDeps, isActive, loadRunContext } from "./types";
import { closeFinishedWaves } from "./wave-close";

export interface ClaimedStep {
  id: string;
  runId: string;
  storyId: string;
  kind: string;
  attempt: number;
  storyKey: string;
  item: PlanItem;
  projectId: string;
  projectConfig: unknown;
  workspacePath: string;
  specName: string;
  /** Results of the story's earlier steps (the tester's test file, the implementer's files). */
  earlier: { kind: string; result: Record<string, unknown> | null }[];
  /** No later step in its story: its success finishes the story. */
  last: boolean;
  /**
   * Its run limits the items in flight (`inFlightLimit`), so finishing its story admits the next
   * one in a transaction, never in the one-statement finish.
   */
  limited: boolean;
}

/**
 * Marks a queued step as running and opens an attempt. Returns null when there is nothing to do:
 * the step already finished (a job delivered twice) or its run is no longer active.
 */
export async function claimStep(deps: EngineDeps, stepId: string): Promise<ClaimedStep | null> {
  const row = await stepGroups(deps.db).claim.submit(stepId);
  if (!row) return null;
  return {
    id: row.id,
    runId: row.runId,
    storyId: row.storyId,
    kind: row.kind,
    attempt: row.attempts,
    storyKey: row.storyKey,
    item: row.item as PlanItem,
    projectId: row.projectId,
    projectConfig: row.projectConfig,
    workspacePath: row.workspacePath,
    specName: specLabel(row.specName, row.specTitle),
    earlier: row.earlier,
    last: row.last,
    limited: row.limited,
  };
}

/** The spec's own id (EXEC-SPEC-022) when its plan has one, for commit scopes and exports. */
function specLabel(name: string, title: string | null): string {
  const id = (title ?? "").match(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/)?.[0];
  return id ?? name.replace(/\.[a-z]+$/i, "");
}

export type StepOutcome =
  | { ok: true; result: Record<string, unknown>; log?: string }
  | { ok: false; error: string; log?: string; result?: Record<string, unknown> };

/**
 * Records a step's outcome and moves the run on, in one transaction. A failed step is tried
 * again while its budget lasts; then its story fails. A repeat is a no-op. The common successes
 * take one statement each: a hand-over to the story's next step, or, for the story's last step
 * (`last`, from the claim), finishing the story. Anything they do not cover falls through to the
 * transaction. With `attempt` (the claim's), only that attempt is completed: a worker taken for
 * dead whose step was claimed again changes nothing. `finishedAt` is when the work ended, which
 * the step keeps however long the recording waited.
 */
export async function completeStep(
  deps: EngineDeps,
  stepId: string,
  outcome: StepOutcome,
  hint: { last?: boolean; limited?: boolean; attempt?: number; finishedAt?: Date } = {},
): Promise<void> {
  const attempt = hint.attempt ?? null;
  const now = (hint.finishedAt ?? new Date()).toISOString();
  if (outcome.ok) {
    const done = success(stepId, attempt, now, outcome);
    if (!hint.last && (await handOff(deps, done))) return;
    if (!hint.limited && (await finishLast(deps, done))) return;
  }
  const jobs = await inTransaction(deps.db, async (sql) => {
    const [current] = await sql.query<{ attempts: number; budget: number }>(
      `SELECT attempts, budget FROM "Step"
       WHERE id = $1 AND status = 'running' AND ($2::int IS NULL OR attempts = $2) FOR UPDATE`,
      [stepId, attempt],
    );
    if (!current) return [];
    const retry = !outcome.ok && current.attempts < current.budget;
    const status = outcome.ok ? "succeeded" : retry ? "queued" : "failed";
    const result = outcome.result ? JSON.stringify(outcome.result) : null;
    const error = outcome.ok ? null : outcome.error;
    const log = outcome.log ?? "";
    const [step] = await sql.query<{
      id: string;
      runId: string;
      storyId: string;
      position: number;
      kind: string;
      queue: string;
      dispatch: number;
      rank: number;
      attempts: number;
    }>(
      `UPDATE "Step" SET status = $2::"StepStatus",
         "finishedAt" = CASE WHEN $3 THEN NULL ELSE $4::timestamp(3) END,
         "queuedAt" = CASE WHEN $3 THEN $4::timestamp(3) ELSE "queuedAt" END,
         dispatch = dispatch + CASE WHEN $3 THEN 1 ELSE 0 END,
         result = COALESCE($5::jsonb, result), error = $6, log = $7
       WHERE id = $1 AND status = 'running'
       RETURNING id, "runId", "storyId", position, kind::text AS kind, queue, dispatch, rank, attempts`,
      [stepId, status, retry, now, result, error, log.slice(-64_000)],
    );
    if (!step) return [];
    await sql.query(
      `UPDATE "Attempt" SET status = $3::"AttemptStatus", "finishedAt" = $4::timestamp(3), error = $5,
         result = COALESCE($6::jsonb, result), "outputTail" = $7
       WHERE "stepId" = $1 AND number = $2 AND status = 'running'`,
      [stepId, step.attempts, outcome.ok ? "succeeded" : "failed", now, error, result, log.slice(-8000)],
    );
    const run = await loadRunContext(sql, step.runId);
    const out = emptyTransition();
    out.events.push({
      type: "step:updated",
      payload: {
        stepId: step.id,
        storyId: step.storyId,
        kind: step.kind,
        status,
        attempt: step.attempts,
        at: now,
        ...(outcome.ok ? {} : { error: outcome.error }),
        // The page shows a finished step's files, commit and evidence without reading the run again.
        ...(outcome.result ? { result: outcome.result } : {}),
      },
    });
    if (retry) {
      if (isActive(run))
        out.jobs.push({
          stepId: step.id,
          runId: step.runId,
          queue: step.queue,
          dispatch: step.dispatch,
          rank: step.rank,
        });
      return commit(sql, step.runId, out);
    }
    if (!outcome.ok) {
      merge(out, await finishStory(sql, run, step.storyId, { status: "failed", error: outcome.error }));
      return commit(sql, step.runId, out);
    }
    const [next] = await sql.query<{
      id: string;
      queue: string;
      dispatch: number;
      rank: number;
      kind: string;
    }>(
      `UPDATE "Step" SET status = 'queued', "queuedAt" = $3::timestamp(3), dispatch = dispatch + 1
       WHERE "storyId" = $1 AND position = $2 AND status = 'pending'
       RETURNING id, queue, dispatch, rank, kind::text AS kind`,
      [step.storyId, step.position + 1, now],
    );
    if (next) {
      if (isActive(run))
        out.jobs.push({
          stepId: next.id,
          runId: step.runId,
          queue: next.queue,
          dispatch: next.dispatch,
          rank: next.rank,
        });
      out.events.push({
        type: "step:updated",
        payload: { stepId: next.id, storyId: step.storyId, kind: next.kind, status: "queued", at: now },
      });
      return commit(sql, step.runId, out);
    }
    merge(out, await finishStory(sql, run, step.storyId, { status: "succeeded" }));
    return commit(sql, step.runId, out);
  });
  await deps.enqueue(jobs);
}

/** A success as the one-statement paths record it. */
function success(
  stepId: string,
  attempt: number | null,
  at: string,
  outcome: StepOutcome & { ok: true },
): Success {
  const log = outcome.log ?? "";
  return {
    stepId,
    attempt,
    at,
    result: JSON.stringify(outcome.result),
    log: log.slice(-64_000),
    tail: log.slice(-8000),
  };
}

/**
 * A story's last step in one statement (`finishStatement`): true when it was recorded. A wave
 * whose counter it brought to zero is closed right after; if this process dies first, the
 * reconciler closes it.
 */
async function finishLast(deps: EngineDeps, done: Success) {
  const row = await stepGroups(deps.db).finish.submit(done);
  if (!row) return false;
  await deps.enqueue(row.jobs);
  for (const runId of row.closing) await closeFinishedWaves(deps, runId);
  return true;
}

/** The common case in one statement: true when the step succeeded and its next step was queued. */
async function handOff(deps: EngineDeps, done: Success): Promise<boolean> {
  const row = await stepGroups(deps.db).handOff.submit(done);
  if (!row) return false;
  if (row.nextId && row.nextQueue && row.nextDispatch !== null && isActive({ status: row.runStatus })) {
    await deps.enqueue([
      {
        stepId: row.nextId,
        runId: row.runId,
        queue: row.nextQueue,
        dispatch: row.nextDispatch,
        rank: row.nextRank ?? undefined,
      },
    ]);
  }
  return true;
}

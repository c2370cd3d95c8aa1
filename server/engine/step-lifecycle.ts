import { createId } from "../db/ids";
import type { PlanItem } from "../planning";
import { inTransaction } from "./sql";
import { finishStory } from "./story-lifecycle";
import { commit, emptyTransition, merge } from "./transition";
import { type EngineDeps, isActive, loadRunContext } from "./types";

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
}

/**
 * Marks a queued step as running and opens an attempt. Returns null when there is nothing to do:
 * the step already finished (a job delivered twice) or its run is no longer active.
 */
export async function claimStep(deps: EngineDeps, stepId: string): Promise<ClaimedStep | null> {
  return inTransaction(deps.db, async (sql) => {
    const now = new Date().toISOString();
    const [step] = await sql.query<{
      id: string;
      runId: string;
      storyId: string;
      kind: string;
      attempts: number;
    }>(
      `UPDATE "Step" st SET status = 'running', "startedAt" = $2::timestamp(3), attempts = st.attempts + 1
       FROM "Run" r
       WHERE st.id = $1 AND st.status IN ('queued', 'running')
         AND r.id = st."runId" AND r.status IN ('running', 'awaiting_approval', 'paused')
       RETURNING st.id, st."runId", st."storyId", st.kind::text AS kind, st.attempts`,
      [stepId, now],
    );
    if (!step) return null;
    // A job delivered again after a crash: the attempt that was cut short is recorded as such.
    await sql.query(
      `UPDATE "Attempt" SET status = 'cancelled', "finishedAt" = $2::timestamp(3), error = 'the worker running it stopped'
       WHERE "stepId" = $1 AND status = 'running'`,
      [step.id, now],
    );
    await sql.query(
      `INSERT INTO "Attempt" (id, "stepId", "storyId", number, status, "startedAt", "outputTail")
       VALUES ($1, $2, $3, $4, 'running', $5::timestamp(3), '')`,
      [createId("att"), step.id, step.storyId, step.attempts, now],
    );
    // A story's bar starts with its first step, not its latest.
    const [story] = await sql.query<{
      key: string;
      item: unknown;
      startedAt: Date;
      projectId: string;
      projectConfig: unknown;
      workspacePath: string;
      specName: string;
      specTitle: string | null;
    }>(
      `WITH updated AS (
         UPDATE "Story" SET status = 'running', "startedAt" = COALESCE("startedAt", $2::timestamp(3))
         WHERE id = $1 RETURNING key, item, "startedAt", "runId"
       )
       SELECT u.key, u.item, u."startedAt" AT TIME ZONE 'UTC' AS "startedAt", r."projectId",
              p.config AS "projectConfig", p."workspacePath", sp.name AS "specName", sp.plan->>'title' AS "specTitle"
       FROM updated u JOIN "Run" r ON r.id = u."runId" JOIN "Project" p ON p.id = r."projectId"
       JOIN "Spec" sp ON sp.id = r."specId"`,
      [step.storyId, now],
    );
    if (!story) throw new Error(`step ${step.id} has no story`);
    const earlier = await sql.query<{ kind: string; result: Record<string, unknown> | null }>(
      `SELECT kind::text AS kind, result FROM "Step" WHERE "storyId" = $1 AND status = 'succeeded' ORDER BY position`,
      [step.storyId],
    );
    await commit(sql, step.runId, {
      jobs: [],
      events: [
        {
          type: "step:updated",
          payload: {
            stepId: step.id,
            storyId: step.storyId,
            kind: step.kind,
            status: "running",
            attempt: step.attempts,
            at: now,
          },
        },
        {
          type: "story:updated",
          payload: {
            storyId: step.storyId,
            key: story.key,
            status: "running",
            startedAt: new Date(story.startedAt).toISOString(),
          },
        },
      ],
    });
    return {
      id: step.id,
      runId: step.runId,
      storyId: step.storyId,
      kind: step.kind,
      attempt: step.attempts,
      storyKey: story.key,
      item: story.item as PlanItem,
      projectId: story.projectId,
      projectConfig: story.projectConfig,
      workspacePath: story.workspacePath,
      specName: specLabel(story.specName, story.specTitle),
      earlier,
    };
  });
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
 * again while its budget lasts; then its story fails. A repeat is a no-op.
 */
export async function completeStep(deps: EngineDeps, stepId: string, outcome: StepOutcome): Promise<void> {
  const jobs = await inTransaction(deps.db, async (sql) => {
    const now = new Date().toISOString();
    const [current] = await sql.query<{ attempts: number; budget: number }>(
      `SELECT attempts, budget FROM "Step" WHERE id = $1 AND status = 'running' FOR UPDATE`,
      [stepId],
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
      attempts: number;
    }>(
      `UPDATE "Step" SET status = $2::"StepStatus",
         "finishedAt" = CASE WHEN $3 THEN NULL ELSE $4::timestamp(3) END,
         "queuedAt" = CASE WHEN $3 THEN $4::timestamp(3) ELSE "queuedAt" END,
         dispatch = dispatch + CASE WHEN $3 THEN 1 ELSE 0 END,
         result = COALESCE($5::jsonb, result), error = $6, log = $7
       WHERE id = $1 AND status = 'running'
       RETURNING id, "runId", "storyId", position, kind::text AS kind, queue, dispatch, attempts`,
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
        out.jobs.push({ stepId: step.id, runId: step.runId, queue: step.queue, dispatch: step.dispatch });
      return commit(sql, step.runId, out);
    }
    if (!outcome.ok) {
      merge(out, await finishStory(sql, run, step.storyId, { status: "failed", error: outcome.error }));
      return commit(sql, step.runId, out);
    }
    const [next] = await sql.query<{ id: string; queue: string; dispatch: number; kind: string }>(
      `UPDATE "Step" SET status = 'queued', "queuedAt" = $3::timestamp(3), dispatch = dispatch + 1
       WHERE "storyId" = $1 AND position = $2 AND status = 'pending'
       RETURNING id, queue, dispatch, kind::text AS kind`,
      [step.storyId, step.position + 1, now],
    );
    if (next) {
      if (isActive(run))
        out.jobs.push({ stepId: next.id, runId: step.runId, queue: next.queue, dispatch: next.dispatch });
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

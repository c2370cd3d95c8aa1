import { gateQueue } from "../queue/catalog";
import type { Sql } from "./sql";
import { emptyTransition, merge, type Transition } from "./transition";
import { inFlightLimit, type RunContext } from "./types";

interface QueuedStep {
  id: string;
  storyId: string;
  queue: string;
  dispatch: number;
  rank: number;
  kind: string;
}

/**
 * Commits ready stories' first steps as `queued` (or a manual story, one without steps, as
 * waiting for a person) and returns the jobs to enqueue. A story another transaction queued
 * meanwhile is left alone: each update re-checks `pending`.
 */
export async function queueStories(sql: Sql, runId: string, storyIds: string[]): Promise<Transition> {
  const out = emptyTransition();
  if (storyIds.length === 0) return out;
  const now = new Date().toISOString();
  const manual = await sql.query<{ id: string; key: string }>(
    `UPDATE "Story" s SET status = 'waiting_for_human'
     WHERE s.id = ANY($1::text[]) AND s.status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM "Step" st WHERE st."storyId" = s.id)
     RETURNING s.id, s.key`,
    [storyIds],
  );
  for (const story of manual) {
    out.events.push({
      type: "story:updated",
      payload: { storyId: story.id, key: story.key, status: "waiting_for_human" },
    });
  }
  const automated = await sql.query<{ id: string; key: string }>(
    `UPDATE "Story" s SET status = 'queued'
     WHERE s.id = ANY($1::text[]) AND s.status = 'pending'
       AND EXISTS (SELECT 1 FROM "Step" st WHERE st."storyId" = s.id)
     RETURNING s.id, s.key`,
    [storyIds],
  );
  if (automated.length === 0) return out;
  // Each story's first pending step goes on its queue; the later ones wait for it.
  const steps = await sql.query<QueuedStep>(
    `UPDATE "Step" st SET status = 'queued', "queuedAt" = $2::timestamp(3), dispatch = st.dispatch + 1
     FROM (
       SELECT DISTINCT ON ("storyId") id FROM "Step"
       WHERE "storyId" = ANY($1::text[]) AND status = 'pending'
       ORDER BY "storyId", position
     ) first
     WHERE st.id = first.id
     RETURNING st.id, st."storyId", st.queue, st.dispatch, st.rank, st.kind::text AS kind`,
    [automated.map((story) => story.id), now],
  );
  for (const step of steps) {
    out.jobs.push({ stepId: step.id, runId, queue: step.queue, dispatch: step.dispatch, rank: step.rank });
    out.events.push({
      type: "step:updated",
      payload: { stepId: step.id, storyId: step.storyId, kind: step.kind, status: "queued", at: now },
    });
  }
  for (const story of automated) {
    out.events.push({
      type: "story:updated",
      payload: { storyId: story.id, key: story.key, status: "queued" },
    });
  }
  return out;
}

/**
 * Queues whatever may start now: every ready story of the run's open waves (or only `candidates`
 * among them), or, when the run limits its items in flight (sequential mode, a `concurrency`
 * setting), as many as the limit leaves room for, in plan order.
 */
export async function dispatchReady(sql: Sql, run: RunContext, candidates?: string[]): Promise<Transition> {
  const limit = inFlightLimit(run.settings);
  if (limit !== null) return dispatchWithinLimit(sql, run, limit);
  const ready = await readyStories(sql, run.id, candidates ?? null);
  if (ready.length === 0) return emptyTransition();
  return queueStories(
    sql,
    run.id,
    ready.map((story) => story.id),
  );
}

async function readyStories(sql: Sql, runId: string, candidates: string[] | null) {
  return sql.query<{ id: string; automated: boolean }>(
    `SELECT s.id, EXISTS (SELECT 1 FROM "Step" st WHERE st."storyId" = s.id) AS automated
     FROM "Story" s JOIN "Wave" w ON w.id = s."waveId"
     WHERE s."runId" = $1 AND s.status = 'pending' AND s."pendingDeps" = 0 AND w.status = 'running'
       AND ($2::text[] IS NULL OR s.id = ANY($2::text[]))
     ORDER BY w.index, s.position`,
    [runId, candidates],
  );
}

/**
 * Admission under a limit. The run's row is locked first, so admissions of one run take turns
 * and each counts what the ones before it committed (READ COMMITTED reads afresh per statement);
 * without it, two completions could each see a free slot and fill it twice. Only runs that ask
 * for a limit pay for this turn-taking; the others unlock their dependents without it.
 * In sequential mode a manual item waiting for a person is the one item in flight; under a
 * `concurrency` setting it holds no agent, so it neither counts nor waits for a slot.
 */
async function dispatchWithinLimit(sql: Sql, run: RunContext, limit: number): Promise<Transition> {
  await sql.query(`SELECT 1 FROM "Run" WHERE id = $1 FOR UPDATE`, [run.id]);
  const ready = await readyStories(sql, run.id, null);
  if (ready.length === 0) return emptyTransition();
  const sequential = run.settings.mode === "sequential";
  const [flight] = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Story"
     WHERE "runId" = $1 AND status = ANY($2::"StoryStatus"[])`,
    [run.id, sequential ? ["queued", "running", "waiting_for_human"] : ["queued", "running"]],
  );
  let free = limit - (flight?.count ?? 0);
  const admitted: string[] = [];
  for (const story of ready) {
    const takesSlot = sequential || story.automated;
    if (takesSlot && free <= 0) continue;
    if (takesSlot) free -= 1;
    admitted.push(story.id);
  }
  return queueStories(sql, run.id, admitted);
}

/** A gate job: its id is the wave's (or the run's, for the end-of-run gates). */
export function gateJob(runId: string, targetId: string): Transition {
  return merge(emptyTransition(), {
    jobs: [{ stepId: targetId, runId, queue: gateQueue, dispatch: 1 }],
    events: [],
  });
}

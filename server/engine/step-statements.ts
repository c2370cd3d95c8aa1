import { eventsChannel } from "./events";
import { unlimitedRunSql } from "./types";

/**
 * The two transitions every step makes, each as one SQL statement: claiming it, and handing a
 * succeeded step over to the next step of its story. Each writes its events and announces them
 * like `appendEvents`, in the same statement. Everything else a completion can lead to (a
 * retry, a failed item, the story's last step unlocking dependents and closing waves) runs as a
 * transaction in `completeStep`.
 *
 * Timestamps are written from ISO strings as UTC, like Prisma; the events carry the same strings.
 */

/**
 * Publishes the `events` CTE's rows (columns `id`, `runId`), one notice per run; referenced so
 * that it runs.
 */
export const announce = `notified AS (
  SELECT pg_notify('${eventsChannel}', json_build_object('runId', "runId", 'ids', json_agg(id::text ORDER BY id))::text)
  FROM events GROUP BY "runId"
)`;

/**
 * Claims a group of steps (`groupCommit`): $1 step ids, $2 now (ISO), $3 the new attempts' ids
 * (in the order of $1), $4 now as text for the events. A row per claimed step; none for a step
 * that is not queued or running (a job delivered twice) or whose run is no longer active. The
 * ids are distinct: a step is never claimed twice in one statement.
 */
export const claimStatement = `
WITH input AS (SELECT * FROM unnest($1::text[], $3::text[]) AS i(id, "attemptId")),
step AS (
  UPDATE "Step" st SET status = 'running', "startedAt" = $2::timestamp(3), attempts = st.attempts + 1
  FROM input i, "Run" r
  WHERE st.id = i.id AND st.status IN ('queued', 'running')
    AND r.id = st."runId" AND r.status IN ('running', 'awaiting_approval', 'paused')
  RETURNING st.id, st."runId", st."storyId", st.kind::text AS kind, st.attempts, st.position, i."attemptId"
),
cut_short AS (
  UPDATE "Attempt" a SET status = 'cancelled', "finishedAt" = $2::timestamp(3), error = 'the worker running it stopped'
  FROM step WHERE a."stepId" = step.id AND a.status = 'running'
),
attempt AS (
  INSERT INTO "Attempt" (id, "stepId", "storyId", number, status, "startedAt", "outputTail")
  SELECT step."attemptId", step.id, step."storyId", step.attempts, 'running', $2::timestamp(3), '' FROM step
),
-- The story changes (and says so) only at its first running step: the later ones find it running.
story AS (
  UPDATE "Story" so SET status = 'running', "startedAt" = COALESCE(so."startedAt", $2::timestamp(3))
  FROM step WHERE so.id = step."storyId" AND so.status <> 'running'
  RETURNING so.id, so.key, to_char(so."startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt"
),
events AS (
  INSERT INTO "Event" ("runId", type, payload, "createdAt")
  SELECT step."runId", e.type, e.payload, $2::timestamp(3)
  FROM step LEFT JOIN story ON story.id = step."storyId", LATERAL (VALUES
    (1, 'step:updated', jsonb_build_object('stepId', step.id, 'storyId', step."storyId", 'kind', step.kind,
      'status', 'running', 'attempt', step.attempts, 'at', $4::text)),
    (2, 'story:updated', CASE WHEN story.id IS NULL THEN NULL ELSE jsonb_build_object('storyId', story.id,
      'key', story.key, 'status', 'running', 'startedAt', story."startedAt") END)
  ) AS e(n, type, payload)
  WHERE e.payload IS NOT NULL
  ORDER BY step."runId", step.id, e.n
  RETURNING id, "runId"
),
${announce}
SELECT step.id, step."runId", step."storyId", step.kind, step.attempts, so.key AS "storyKey", so.item,
  r."projectId", p.config AS "projectConfig", p."workspacePath", sp.name AS "specName",
  -- Only verification commits, under the spec's title; reading it decompresses the whole plan.
  CASE WHEN step.kind = 'verify' THEN sp.plan->>'title' END AS "specTitle",
  (SELECT COALESCE(json_agg(json_build_object('kind', e.kind::text, 'result', e.result) ORDER BY e.position), '[]')
     FROM "Step" e WHERE e."storyId" = step."storyId" AND e.status = 'succeeded') AS earlier,
  NOT EXISTS (SELECT 1 FROM "Step" n WHERE n."storyId" = step."storyId" AND n.position > step.position) AS last,
  NOT ${unlimitedRunSql} AS limited,
  (SELECT count(*)::int FROM notified) AS notified
FROM step JOIN "Story" so ON so.id = step."storyId"
JOIN "Run" r ON r.id = step."runId" JOIN "Project" p ON p.id = r."projectId" JOIN "Spec" sp ON sp.id = r."specId"`;

/**
 * Steps that succeeded and whose story has a next step waiting, as a group (`groupCommit`): each
 * step is recorded and its story's next one queued. $1 step ids, $2 now (ISO), $3 results (JSON
 * text or null), $4 logs, $5 output tails, $6 now as text for the events, $7 the attempts the
 * workers claimed (null: any), $8 when each step's work finished (ISO); $3 to $5, $7 and $8 in
 * the order of $1. A row per step handed over; none for a step that is not running in that
 * attempt, or is its story's last.
 */
export const handOffStatement = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $3::text[], $4::text[], $5::text[], $7::int[], $8::text[])
    AS i(id, result, log, tail, attempt, at)
),
next AS (
  SELECT cur.id AS "stepId", n.id FROM input i JOIN "Step" cur ON cur.id = i.id
  JOIN "Step" n ON n."storyId" = cur."storyId" AND n.position = cur.position + 1
  WHERE cur.status = 'running' AND (i.attempt IS NULL OR cur.attempts = i.attempt) AND n.status = 'pending'
),
step AS (
  UPDATE "Step" st SET status = 'succeeded', "finishedAt" = i.at::timestamp(3),
    result = COALESCE(i.result::jsonb, st.result), error = NULL, log = i.log
  FROM next, input i WHERE st.id = next."stepId" AND i.id = st.id AND st.status = 'running'
  RETURNING st.id, st."runId", st."storyId", st.kind::text AS kind, st.attempts, next.id AS "nextId",
    i.result, i.tail, i.at
),
attempt AS (
  UPDATE "Attempt" a SET status = 'succeeded', "finishedAt" = step.at::timestamp(3), error = NULL,
    result = COALESCE(step.result::jsonb, a.result), "outputTail" = step.tail
  FROM step WHERE a."stepId" = step.id AND a.number = step.attempts AND a.status = 'running'
),
queued AS (
  UPDATE "Step" n SET status = 'queued', "queuedAt" = $2::timestamp(3), dispatch = n.dispatch + 1
  FROM step WHERE n.id = step."nextId" AND n.status = 'pending'
  RETURNING n.id, n."storyId", n.queue, n.dispatch, n.rank, n.kind::text AS kind
),
events AS (
  INSERT INTO "Event" ("runId", type, payload, "createdAt")
  SELECT step."runId", e.type, e.payload, $2::timestamp(3)
  FROM step LEFT JOIN queued ON queued."storyId" = step."storyId", LATERAL (VALUES
    (1, 'step:updated', jsonb_build_object('stepId', step.id, 'storyId', step."storyId", 'kind', step.kind,
      'status', 'succeeded', 'attempt', step.attempts, 'at', step.at)
      || CASE WHEN step.result IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('result', step.result::jsonb) END),
    (2, 'step:updated', CASE WHEN queued.id IS NULL THEN NULL ELSE jsonb_build_object('stepId', queued.id,
      'storyId', step."storyId", 'kind', queued.kind, 'status', 'queued', 'at', $6::text) END)
  ) AS e(n, type, payload)
  WHERE e.payload IS NOT NULL
  ORDER BY step."runId", step.id, e.n
  RETURNING id, "runId"
),
${announce}
SELECT step.id, step."runId", queued.id AS "nextId", queued.queue AS "nextQueue", queued.dispatch AS "nextDispatch",
  queued.rank AS "nextRank",
  r.status::text AS "runStatus", (SELECT count(*)::int FROM notified) AS notified
FROM step LEFT JOIN queued ON queued."storyId" = step."storyId" JOIN "Run" r ON r.id = step."runId"`;

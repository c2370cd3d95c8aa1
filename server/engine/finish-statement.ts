import { announce } from "./step-statements";
import { activeRunStatusList, unlimitedRunSql } from "./types";

/**
 * Stories' last steps succeeded, as a group (`groupCommit`): each step, its attempt and its story
 * are recorded, the stories' dependents are unlocked (rows locked in id order, a dependent of two
 * of them counted down by two) and those now ready are queued, and the waves' counters go down,
 * in one statement, with their events. It is the `finishStory` path of `completeStep` for the
 * case every story of a healthy run takes; as one statement it holds the dependents' and the
 * waves' rows for one round trip instead of a transaction's several, which is what serialised
 * completions that share dependents or a wave.
 *
 * A step is left alone (no row) unless it is running in the attempt its worker claimed and is its
 * story's last, and its run is active in waves or eager mode without a limit on items in flight
 * (`inFlightLimit`); the transaction path handles everything else. It never closes a wave: the
 * caller does that when a counter reached zero (`closeFinishedWaves`), and the reconciler does it
 * if the caller did not live to.
 *
 * $1 step ids, $2 now (ISO), $3 results (JSON text or null), $4 logs, $5 output tails, $6 now as
 * text for the events, $7 the attempts the workers claimed (null: any), $8 when each step's work
 * finished (ISO); $3 to $5, $7 and $8 in the order of $1. Every row carries the statement's `jobs`
 * and the runs whose waves reached zero (`closing`).
 */
export const finishStatement = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $3::text[], $4::text[], $5::text[], $7::int[], $8::text[])
    AS i(id, result, log, tail, attempt, at)
),
cur AS (
  SELECT st.id FROM input i JOIN "Step" st ON st.id = i.id
  JOIN "Run" r ON r.id = st."runId"
  WHERE st.status = 'running' AND (i.attempt IS NULL OR st.attempts = i.attempt)
    AND NOT EXISTS (SELECT 1 FROM "Step" n WHERE n."storyId" = st."storyId" AND n.position = st.position + 1
      AND n.status = 'pending')
    AND r.status IN ${activeRunStatusList}
    AND ${unlimitedRunSql}
),
step AS (
  UPDATE "Step" st SET status = 'succeeded', "finishedAt" = i.at::timestamp(3),
    result = COALESCE(i.result::jsonb, st.result), error = NULL, log = i.log
  FROM cur, input i WHERE st.id = cur.id AND i.id = st.id AND st.status = 'running'
  RETURNING st.id, st."runId", st."storyId", st.kind::text AS kind, st.attempts, i.result, i.tail, i.at
),
attempt AS (
  UPDATE "Attempt" a SET status = 'succeeded', "finishedAt" = step.at::timestamp(3), error = NULL,
    result = COALESCE(step.result::jsonb, a.result), "outputTail" = step.tail
  FROM step WHERE a."stepId" = step.id AND a.number = step.attempts AND a.status = 'running'
),
story AS (
  UPDATE "Story" so SET status = 'succeeded', "finishedAt" = step.at::timestamp(3), error = NULL
  FROM step WHERE so.id = step."storyId" AND so.status NOT IN ('succeeded', 'failed', 'skipped')
  RETURNING so.id, so.key, so."runId", so."waveId", so.dependents, step.at
),
targets AS (
  SELECT t."runId", t.key, count(*)::int AS n
  FROM (SELECT DISTINCT story.id, story."runId", d.key FROM story, unnest(story.dependents) AS d(key)) t
  GROUP BY t."runId", t.key
),
locked AS (
  SELECT d.id, d.status::text AS status, t.n, w.status::text AS "waveStatus",
    EXISTS (SELECT 1 FROM "Step" x WHERE x."storyId" = d.id) AS automated
  FROM targets t JOIN "Story" d ON d."runId" = t."runId" AND d.key = t.key
  JOIN "Wave" w ON w.id = d."waveId"
  ORDER BY d.id FOR UPDATE OF d
),
unlocked AS (
  UPDATE "Story" s SET "pendingDeps" = s."pendingDeps" - locked.n,
    status = CASE WHEN s."pendingDeps" = locked.n AND s.status = 'pending' AND locked."waveStatus" = 'running'
      THEN (CASE WHEN locked.automated THEN 'queued' ELSE 'waiting_for_human' END)::"StoryStatus"
      ELSE s.status END
  FROM locked WHERE s.id = locked.id
  RETURNING s.id, s.key, s."runId", s.status::text AS status, locked.status AS "before"
),
ready AS (SELECT id, key, "runId", status FROM unlocked WHERE "before" = 'pending' AND status <> 'pending'),
first AS (
  SELECT DISTINCT ON (x."storyId") x.id FROM "Step" x JOIN ready ON ready.id = x."storyId"
  WHERE ready.status = 'queued' AND x.status = 'pending'
  ORDER BY x."storyId", x.position
),
queued AS (
  UPDATE "Step" x SET status = 'queued', "queuedAt" = $2::timestamp(3), dispatch = x.dispatch + 1
  FROM first WHERE x.id = first.id
  RETURNING x.id, x."runId", x."storyId", x.queue, x.dispatch, x.rank, x.kind::text AS kind
),
wave AS (
  UPDATE "Wave" w SET remaining = w.remaining - c.n
  FROM (SELECT "waveId", count(*)::int AS n FROM story GROUP BY "waveId") c WHERE w.id = c."waveId"
  RETURNING w.id, w."runId", w.remaining, w.status::text AS status
),
events AS (
  INSERT INTO "Event" ("runId", type, payload, "createdAt")
  SELECT e."runId", e.type, e.payload, $2::timestamp(3)
  FROM (
    SELECT step."runId", 1 AS g, step."storyId" AS k, 1 AS s, 'step:updated' AS type,
      jsonb_build_object('stepId', step.id, 'storyId', step."storyId", 'kind', step.kind, 'status', 'succeeded',
        'attempt', step.attempts, 'at', step.at)
      || CASE WHEN step.result IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('result', step.result::jsonb) END
      AS payload
    FROM step
    UNION ALL
    SELECT story."runId", 1, story.id, 2, 'story:updated', jsonb_build_object('storyId', story.id, 'key', story.key,
      'status', 'succeeded', 'finishedAt', story.at) FROM story
    UNION ALL
    SELECT ready."runId", 3, ready.id, 0, 'story:updated', jsonb_build_object('storyId', ready.id, 'key', ready.key,
      'status', 'waiting_for_human') FROM ready WHERE ready.status = 'waiting_for_human'
    UNION ALL
    SELECT queued."runId", 4, queued."storyId", 0, 'step:updated', jsonb_build_object('stepId', queued.id,
      'storyId', queued."storyId", 'kind', queued.kind, 'status', 'queued', 'at', $6::text) FROM queued
    UNION ALL
    SELECT ready."runId", 5, ready.id, 0, 'story:updated', jsonb_build_object('storyId', ready.id, 'key', ready.key,
      'status', 'queued') FROM ready WHERE ready.status = 'queued'
  ) AS e
  ORDER BY e."runId", e.g, e.k, e.s
  RETURNING id, "runId"
),
${announce}
SELECT step.id,
  (SELECT COALESCE(json_agg(json_build_object('stepId', q.id, 'runId', q."runId", 'queue', q.queue,
     'dispatch', q.dispatch, 'rank', q.rank) ORDER BY q.id), '[]') FROM queued q) AS jobs,
  (SELECT COALESCE(json_agg(DISTINCT w."runId"), '[]') FROM wave w WHERE w.remaining = 0 AND w.status = 'running')
    AS closing,
  (SELECT count(*)::int FROM notified) AS notified
FROM step`;

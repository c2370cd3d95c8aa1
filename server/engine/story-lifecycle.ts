import { dispatchReady } from "./dispatch";
import type { Sql } from "./sql";
import { emptyTransition, merge, type Transition } from "./transition";
import { inFlightLimit, isActive, type RunContext } from "./types";
import { failRun, finishWave } from "./waves";

export type StoryOutcome =
  | { status: "succeeded" }
  | { status: "skipped"; reason: string }
  | { status: "failed"; error: string };

/**
 * A story reached a final state. Its dependents are unlocked (a counter per story, so a completion
 * touches only its own dependents' rows), a failure stops a strict run or blocks the failed item's
 * dependents in a lenient one, and the wave closes when its last story is final.
 */
export async function finishStory(
  sql: Sql,
  run: RunContext,
  storyId: string,
  outcome: StoryOutcome,
): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date().toISOString();
  const error =
    outcome.status === "failed"
      ? withSuggestedFix(outcome.error)
      : outcome.status === "skipped"
        ? outcome.reason
        : null;
  const [story] = await sql.query<{ id: string; key: string; dependents: string[]; waveId: string }>(
    `UPDATE "Story" SET status = $2::"StoryStatus", "finishedAt" = $3::timestamp(3), error = $4
     WHERE id = $1 AND status NOT IN ('succeeded', 'failed', 'skipped')
     RETURNING id, key, dependents, "waveId"`,
    [storyId, outcome.status, now, error],
  );
  if (!story) return out;
  out.events.push({
    type: "story:updated",
    payload: {
      storyId,
      key: story.key,
      status: outcome.status,
      finishedAt: now,
      ...(error ? { error } : {}),
    },
  });

  let current = run;
  const closing: string[] = [story.waveId];
  if (outcome.status === "failed") {
    if (run.settings.strict) {
      await sql.query(`UPDATE "Wave" SET status = 'failed', "finishedAt" = $2::timestamp(3) WHERE id = $1`, [
        story.waveId,
        now,
      ]);
      merge(out, await failRun(sql, run, `${story.key}: ${outcome.error}`));
      current = { ...run, status: "failed" };
    } else {
      closing.push(...(await blockDependents(sql, run.id, story.key, out)));
    }
  } else if (story.dependents.length > 0) {
    // Rows locked in id order, so two completions sharing dependents cannot deadlock.
    const unlocked = await sql.query<{ id: string; pendingDeps: number }>(
      `UPDATE "Story" s SET "pendingDeps" = s."pendingDeps" - 1
       FROM (SELECT id FROM "Story" WHERE "runId" = $1 AND key = ANY($2::text[]) ORDER BY id FOR UPDATE) locked
       WHERE s.id = locked.id
       RETURNING s.id, s."pendingDeps"`,
      [run.id, story.dependents],
    );
    if (isActive(current)) {
      const ready = unlocked.filter((s) => s.pendingDeps === 0).map((s) => s.id);
      if (ready.length > 0 && inFlightLimit(current.settings) === null) {
        merge(out, await dispatchReady(sql, current, ready));
      }
    }
  }
  // Under a limit on items in flight, this story's slot goes to whichever item is next in plan order.
  if (isActive(current) && inFlightLimit(current.settings) !== null)
    merge(out, await dispatchReady(sql, current));

  // Last: the waves' counter rows are the only shared rows, held for the shortest time.
  for (const waveId of closing) {
    const [wave] = await sql.query<{
      id: string;
      index: number;
      remaining: number;
      gates: string[];
      status: string;
    }>(
      `UPDATE "Wave" SET remaining = remaining - 1 WHERE id = $1
       RETURNING id, index, remaining, gates, status::text AS status`,
      [waveId],
    );
    if (wave && wave.remaining === 0 && wave.status === "running" && isActive(current)) {
      merge(out, await finishWave(sql, current, wave));
    }
  }
  return out;
}

/** In a lenient run, everything downstream of a failed item is skipped with the reason. */
async function blockDependents(
  sql: Sql,
  runId: string,
  failedKey: string,
  out: Transition,
): Promise<string[]> {
  const waves: string[] = [];
  let frontier = [failedKey];
  const seen = new Set<string>();
  const reason = `blocked: ${failedKey} failed`;
  while (frontier.length > 0) {
    const blocked = await sql.query<{ id: string; key: string; waveId: string }>(
      `UPDATE "Story" SET status = 'skipped', error = $3, "finishedAt" = $4::timestamp(3)
       WHERE "runId" = $1 AND "dependsOn" && $2::text[] AND status = 'pending'
       RETURNING id, key, "waveId"`,
      [runId, frontier, reason, new Date().toISOString()],
    );
    frontier = [];
    for (const story of blocked) {
      if (seen.has(story.key)) continue;
      seen.add(story.key);
      frontier.push(story.key);
      waves.push(story.waveId);
      out.events.push({
        type: "story:updated",
        payload: { storyId: story.id, key: story.key, status: "skipped", error: reason },
      });
    }
  }
  return waves;
}

/**
 * What a person can do about a failure, from what failed. Completed steps and the item's worktree
 * are kept, so a retry starts from the failed step.
 */
export function suggestedFix(error: string): string {
  if (/conflicts in/.test(error))
    return "resolve the conflict in the item's worktree, then Retry (or Skip the item).";
  if (/tests? failed|exited with code [1-9]/.test(error)) {
    return "the item's tests fail: read the verify output, fix the code in the item's worktree or Retry to let the implementer try again.";
  }
  if (/does not exist|not exist/.test(error))
    return "an expected file is missing: check the item's outputs in the spec, then Retry.";
  if (/timed out/.test(error))
    return "the agent ran out of time: raise the role's timeoutMs in the agents file, then Retry.";
  if (/the agent exited with/.test(error))
    return "the agent failed: read its log in the item's drawer, then Retry, or do the work by hand and Skip.";
  if (/marked failed by/.test(error))
    return "a person marked this item failed: Retry once it is ready, or Skip it.";
  return "read the step's log in the item's drawer, then Retry or Skip the item.";
}

function withSuggestedFix(error: string): string {
  return /Suggested fix:/.test(error) ? error : `${error} Suggested fix: ${suggestedFix(error)}`;
}

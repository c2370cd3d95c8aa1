import { dispatchReady } from "./dispatch";
import { emptyTransition, merge, type Transition } from "./transition";
import { isActive, type RunContext, type Tx } from "./types";
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
  tx: Tx,
  run: RunContext,
  storyId: string,
  outcome: StoryOutcome,
): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  const error =
    outcome.status === "failed"
      ? withSuggestedFix(outcome.error)
      : outcome.status === "skipped"
        ? outcome.reason
        : null;
  const [story] = await tx.story.updateManyAndReturn({
    where: { id: storyId, status: { notIn: ["succeeded", "failed", "skipped"] } },
    data: { status: outcome.status, finishedAt: now, error },
    select: { id: true, key: true, dependents: true, waveId: true },
  });
  if (!story) return out;
  out.events.push({
    type: "story:updated",
    payload: {
      storyId,
      key: story.key,
      status: outcome.status,
      finishedAt: now.toISOString(),
      ...(error ? { error } : {}),
    },
  });

  let current = run;
  const closing: string[] = [story.waveId];
  if (outcome.status === "failed") {
    if (run.settings.strict) {
      await tx.wave.update({ where: { id: story.waveId }, data: { status: "failed", finishedAt: now } });
      merge(out, await failRun(tx, run, `${story.key}: ${outcome.error}`));
      current = { ...run, status: "failed" };
    } else {
      closing.push(...(await blockDependents(tx, run.id, story.key, out)));
    }
  } else if (story.dependents.length > 0) {
    const unlocked = await tx.story.updateManyAndReturn({
      where: { runId: run.id, key: { in: story.dependents } },
      data: { pendingDeps: { decrement: 1 } },
      select: { id: true, pendingDeps: true },
    });
    if (isActive(current)) {
      const ready = unlocked.filter((s) => s.pendingDeps === 0).map((s) => s.id);
      if (ready.length > 0 && current.settings.mode !== "sequential")
        merge(out, await dispatchReady(tx, current, ready));
    }
  }
  if (isActive(current) && current.settings.mode === "sequential")
    merge(out, await dispatchReady(tx, current));

  // Last: the waves' counter rows are the only shared rows, held for the shortest time.
  for (const waveId of closing) {
    const [wave] = await tx.wave.updateManyAndReturn({
      where: { id: waveId },
      data: { remaining: { decrement: 1 } },
      select: { id: true, index: true, remaining: true, gates: true, status: true },
    });
    if (wave && wave.remaining === 0 && wave.status === "running" && isActive(current)) {
      merge(out, await finishWave(tx, current, wave));
    }
  }
  return out;
}

/** In a lenient run, everything downstream of a failed item is skipped with the reason. */
async function blockDependents(tx: Tx, runId: string, failedKey: string, out: Transition): Promise<string[]> {
  const waves: string[] = [];
  let frontier = [failedKey];
  const seen = new Set<string>();
  while (frontier.length > 0) {
    const blocked = await tx.story.updateManyAndReturn({
      where: { runId, dependsOn: { hasSome: frontier }, status: "pending" },
      data: { status: "skipped", error: `blocked: ${failedKey} failed`, finishedAt: new Date() },
      select: { id: true, key: true, waveId: true },
    });
    frontier = [];
    for (const story of blocked) {
      if (seen.has(story.key)) continue;
      seen.add(story.key);
      frontier.push(story.key);
      waves.push(story.waveId);
      out.events.push({
        type: "story:updated",
        payload: {
          storyId: story.id,
          key: story.key,
          status: "skipped",
          error: `blocked: ${failedKey} failed`,
        },
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

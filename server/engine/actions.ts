import { Prisma } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import { dispatchReady } from "./dispatch";
import { prismaSql } from "./sql";
import { finishStory } from "./story-lifecycle";
import { commit, emptyTransition, merge } from "./transition";
import { type EngineDeps, isActive, loadRunContext, type Tx } from "./types";

/**
 * What a person can do to a run beyond approvals: cancel it, retry or skip an item, and mark a
 * manual (human-gated) item done or failed. Each is one transaction; repeats change nothing.
 */

async function findStory(tx: Tx, runId: string, key: string) {
  const story = await tx.story.findUnique({ where: { runId_key: { runId, key } } });
  if (!story) throw new AppError("not_found", `Run ${runId} has no item ${key}.`);
  return story;
}

/** Stops the run: nothing new starts, and workers abort agents of its running steps. */
export async function cancelRun(
  deps: EngineDeps,
  runId: string,
  by: string,
): Promise<"cancelled" | "already_final"> {
  return deps.db.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const now = new Date();
    const moved = await tx.run.updateMany({
      where: { id: runId, status: { in: ["pending", "running", "awaiting_approval", "paused"] } },
      data: { status: "cancelled", finishedAt: now, error: `cancelled by ${by}` },
    });
    if (moved.count === 0) {
      if ((await tx.run.count({ where: { id: runId } })) === 0)
        throw new AppError("not_found", `No run with id ${runId}.`);
      return "already_final";
    }
    await tx.step.updateMany({
      where: { runId, status: { in: ["pending", "queued", "running"] } },
      data: { status: "skipped", finishedAt: now },
    });
    await tx.attempt.updateMany({
      where: { step: { runId }, status: "running" },
      data: { status: "cancelled", finishedAt: now, error: `cancelled by ${by}` },
    });
    const stories = await tx.story.updateManyAndReturn({
      where: { runId, status: { in: ["pending", "queued", "running", "waiting_for_human"] } },
      data: { status: "skipped", finishedAt: now, error: "run cancelled" },
      select: { id: true, key: true },
    });
    await tx.wave.updateMany({
      where: { runId, status: { in: ["pending", "running", "gating", "awaiting_approval"] } },
      data: { status: "failed" },
    });
    const out = emptyTransition();
    out.events.push({
      type: "run:updated",
      payload: { status: "cancelled", finishedAt: now.toISOString(), error: `cancelled by ${by}` },
    });
    for (const story of stories)
      out.events.push({
        type: "story:updated",
        payload: { storyId: story.id, key: story.key, status: "skipped", error: "run cancelled" },
      });
    await commit(sql, runId, out);
    return "cancelled";
  });
}

/**
 * Tries a failed item again from its failed step, with a fresh attempt budget; completed steps
 * and files are kept. A strict run that stopped on this item runs again.
 */
export async function retryStory(deps: EngineDeps, runId: string, key: string): Promise<void> {
  const jobs = await deps.db.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    // The run's row first, as a completion under a limit on items in flight takes it before its
    // wave's (dispatchWithinLimit); this retry counts its wave up before it dispatches, so
    // taking the run's row only then could make the two wait on each other.
    await sql.query(`SELECT 1 FROM "Run" WHERE id = $1 FOR UPDATE`, [runId]);
    const story = await findStory(tx, runId, key);
    if (story.status !== "failed")
      throw new AppError(
        "invalid_state",
        `Item ${key} is ${story.status}; only a failed item can be retried.`,
      );
    let run = await loadRunContext(sql, runId);
    if (run.status === "cancelled") throw new AppError("invalid_state", "The run was cancelled.");
    // While the run is active the item's worktree still holds what its finished steps wrote
    // (the tester's uncommitted tests): only the failed steps run again. Once the run has ended,
    // its last gates removed the worktrees, so the item runs again from its first step.
    const fromScratch = !isActive(run);
    const steps = await tx.step.findMany({
      where: { storyId: story.id, ...(fromScratch ? {} : { status: { in: ["failed", "skipped"] } }) },
    });
    for (const step of steps) {
      await tx.step.update({
        where: { id: step.id },
        data: {
          status: "pending",
          budget: step.attempts + run.settings.maxAttempts,
          error: null,
          finishedAt: null,
          ...(fromScratch ? { result: Prisma.DbNull } : {}),
        },
      });
    }
    await tx.story.update({
      where: { id: story.id },
      data: { status: "pending", error: null, finishedAt: null },
    });
    await tx.wave.update({
      where: { id: story.waveId },
      data: { remaining: { increment: 1 }, status: "running", finishedAt: null },
    });
    const out = emptyTransition();
    out.events.push({ type: "story:updated", payload: { storyId: story.id, key, status: "pending" } });
    if (!isActive(run)) {
      await tx.run.update({
        where: { id: runId },
        data: { status: "running", finishedAt: null, error: null },
      });
      out.events.push({ type: "run:updated", payload: { status: "running" } });
      run = { ...run, status: "running" };
    }
    merge(out, await dispatchReady(sql, run));
    return commit(sql, runId, out);
  });
  await deps.enqueue(jobs);
}

/**
 * Skips an item; its dependents go on without it. When items still to run depend on it (directly
 * or through others), the person must confirm: without `confirmed` nothing changes and the answer
 * is a `conflict` naming them (`details.dependents`), so the page can ask.
 */
export async function skipStory(
  deps: EngineDeps,
  runId: string,
  key: string,
  by: string,
  options: { confirmed?: boolean } = {},
): Promise<void> {
  await settleStory(
    deps,
    runId,
    key,
    ["pending", "failed", "waiting_for_human"],
    { status: "skipped", reason: `skipped by ${by}` },
    async (tx) => {
      if (options.confirmed) return;
      const dependents = await openDependents(tx, runId, key);
      if (dependents.length === 0) return;
      const shown = dependents.slice(0, 10).join(", ") + (dependents.length > 10 ? ", …" : "");
      throw new AppError(
        "conflict",
        `Skipping ${key} lets ${dependents.length === 1 ? "1 item that depends" : `${dependents.length} items that depend`} on it go on without it (${shown}). Confirm to skip it anyway.`,
        { reason: "dependents_need_confirmation", dependents },
      );
    },
  );
}

/** Items of the run not yet final that depend on `key`, directly or through others, in plan order. */
async function openDependents(tx: Tx, runId: string, key: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ key: string }[]>`
    WITH RECURSIVE downstream(key) AS (
      SELECT unnest(dependents) FROM "Story" WHERE "runId" = ${runId} AND key = ${key}
      UNION
      SELECT unnest(s.dependents) FROM "Story" s JOIN downstream d ON s."runId" = ${runId} AND s.key = d.key
    )
    SELECT s.key FROM "Story" s JOIN downstream d ON s.key = d.key
    WHERE s."runId" = ${runId} AND s.status NOT IN ('succeeded', 'failed', 'skipped')
    ORDER BY s.position, s.key`;
  return rows.map((row) => row.key);
}

/** A person marks a manual item done or failed. */
export async function resolveManualStory(
  deps: EngineDeps,
  runId: string,
  key: string,
  done: boolean,
  by: string,
  note?: string,
): Promise<void> {
  await settleStory(
    deps,
    runId,
    key,
    ["waiting_for_human"],
    done
      ? { status: "succeeded" }
      : { status: "failed", error: note ? `${by}: ${note}` : `marked failed by ${by}` },
  );
}

async function settleStory(
  deps: EngineDeps,
  runId: string,
  key: string,
  allowed: string[],
  outcome: Parameters<typeof finishStory>[3],
  /** Runs after the state check, in the transaction; throws to refuse. */
  guard?: (tx: Tx) => Promise<void>,
): Promise<void> {
  const jobs = await deps.db.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const story = await findStory(tx, runId, key);
    if (!allowed.includes(story.status)) {
      throw new AppError("invalid_state", `Item ${key} is ${story.status}; that action is not possible now.`);
    }
    await guard?.(tx);
    let run = await loadRunContext(sql, runId);
    const out = emptyTransition();
    if (story.status === "failed") {
      // A failed item was already counted as final in its wave: count it again before settling.
      await tx.story.update({ where: { id: story.id }, data: { status: "pending" } });
      await tx.wave.update({
        where: { id: story.waveId },
        data: { remaining: { increment: 1 }, status: "running" },
      });
      if (run.status === "failed") {
        // The strict run stopped on this item; settling it lets the run go on.
        await tx.run.update({
          where: { id: runId },
          data: { status: "running", finishedAt: null, error: null },
        });
        out.events.push({ type: "run:updated", payload: { status: "running" } });
        run = { ...run, status: "running" };
      }
    }
    await tx.step.updateMany({
      where: { storyId: story.id, status: { in: ["pending", "queued", "failed"] } },
      data: { status: "skipped" },
    });
    merge(out, await finishStory(sql, run, story.id, outcome));
    if (isActive(run)) merge(out, await dispatchReady(sql, run));
    return commit(sql, runId, out);
  });
  await deps.enqueue(jobs);
}

import type { Prisma } from "../db/generated/client";
import type { PlanItem } from "../planning";
import type { EngineDeps, RunSettings, Tx } from "./types";
import { closeWave, commit, emptyTransition, merge, queueStories, type Transition } from "./waves";

export interface ClaimedStep {
  id: string;
  runId: string;
  storyId: string;
  kind: string;
  attempt: number;
  storyKey: string;
  item: PlanItem;
  projectId: string;
  workspacePath: string;
  specName: string;
}

/**
 * Marks a queued step as running. Returns null when there is nothing to do: the step already
 * finished (a job delivered twice) or its run is no longer active.
 */
export async function claimStep(deps: EngineDeps, stepId: string): Promise<ClaimedStep | null> {
  return deps.db.$transaction(async (tx) => {
    const now = new Date();
    const [step] = await tx.step.updateManyAndReturn({
      where: {
        id: stepId,
        status: { in: ["queued", "running"] },
        run: { status: { in: ["running", "awaiting_approval", "paused"] } },
      },
      data: { status: "running", startedAt: now, attempts: { increment: 1 } },
      select: { id: true, runId: true, storyId: true, kind: true, attempts: true },
    });
    if (!step) return null;
    const story = await tx.story.update({
      where: { id: step.storyId },
      data: { status: "running", startedAt: now },
      select: { key: true, item: true, run: { select: { projectId: true, project: true, spec: true } } },
    });
    await commit(tx, step.runId, {
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
            at: now.toISOString(),
          },
        },
        {
          type: "story:updated",
          payload: { storyId: step.storyId, key: story.key, status: "running", startedAt: now.toISOString() },
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
      item: story.item as unknown as PlanItem,
      projectId: story.run.projectId,
      workspacePath: story.run.project.workspacePath,
      specName: story.run.spec.name,
    };
  });
}

export type StepOutcome =
  | { ok: true; result: Record<string, unknown>; log?: string }
  | { ok: false; error: string; log?: string };

/** Records a step's outcome and moves the run on, in one transaction. A repeat is a no-op. */
export async function completeStep(deps: EngineDeps, stepId: string, outcome: StepOutcome): Promise<void> {
  const jobs = await deps.db.$transaction(async (tx) => {
    const now = new Date();
    const [step] = await tx.step.updateManyAndReturn({
      where: { id: stepId, status: "running" },
      data: {
        status: outcome.ok ? "succeeded" : "failed",
        finishedAt: now,
        result: outcome.ok ? (outcome.result as Prisma.InputJsonValue) : undefined,
        error: outcome.ok ? null : outcome.error,
        log: outcome.log ?? "",
      },
      select: { id: true, runId: true, storyId: true, position: true, kind: true },
    });
    if (!step) return [];
    const out = emptyTransition();
    out.events.push({
      type: "step:updated",
      payload: {
        stepId: step.id,
        storyId: step.storyId,
        kind: step.kind,
        status: outcome.ok ? "succeeded" : "failed",
        at: now.toISOString(),
        ...(outcome.ok ? {} : { error: outcome.error }),
      },
    });
    if (!outcome.ok) {
      merge(out, await failStory(tx, step.runId, step.storyId, outcome.error, now));
      return commit(tx, step.runId, out);
    }
    const next = await tx.step.findUnique({
      where: { storyId_position: { storyId: step.storyId, position: step.position + 1 } },
    });
    if (next) {
      const queued = await tx.step.update({
        where: { id: next.id },
        data: { status: "queued", queuedAt: now, dispatch: { increment: 1 } },
      });
      out.jobs.push({ stepId: next.id, runId: step.runId, queue: next.queue, dispatch: queued.dispatch });
      out.events.push({
        type: "step:updated",
        payload: {
          stepId: next.id,
          storyId: step.storyId,
          kind: next.kind,
          status: "queued",
          at: now.toISOString(),
        },
      });
      return commit(tx, step.runId, out);
    }
    merge(out, await succeedStory(tx, step.runId, step.storyId, now));
    return commit(tx, step.runId, out);
  });
  await deps.enqueue(jobs);
}

async function succeedStory(tx: Tx, runId: string, storyId: string, now: Date): Promise<Transition> {
  const out = emptyTransition();
  const story = await tx.story.update({
    where: { id: storyId },
    data: { status: "succeeded", finishedAt: now },
    select: { id: true, key: true, dependents: true, waveId: true },
  });
  out.events.push({
    type: "story:updated",
    payload: { storyId, key: story.key, status: "succeeded", finishedAt: now.toISOString() },
  });

  // Count dependencies per item: a completion touches only its own dependents' rows.
  if (story.dependents.length > 0) {
    const unlocked = await tx.story.updateManyAndReturn({
      where: { runId, key: { in: story.dependents } },
      data: { pendingDeps: { decrement: 1 } },
      select: { id: true, pendingDeps: true, status: true, wave: { select: { status: true } } },
    });
    const ready = unlocked.filter(
      (s) => s.pendingDeps === 0 && s.status === "pending" && s.wave.status === "running",
    );
    merge(
      out,
      await queueStories(
        tx,
        runId,
        ready.map((s) => s.id),
      ),
    );
  }

  // Last: the wave's counter row is the only shared row, held for the shortest time.
  const [wave] = await tx.wave.updateManyAndReturn({
    where: { id: story.waveId },
    data: { remaining: { decrement: 1 } },
    select: { id: true, index: true, remaining: true },
  });
  if (wave && wave.remaining === 0) {
    const run = await tx.run.findUniqueOrThrow({
      where: { id: runId },
      select: { id: true, settings: true },
    });
    merge(out, await closeWave(tx, { id: run.id, settings: run.settings as unknown as RunSettings }, wave));
  }
  return out;
}

/** Strict by default: a story that fails stops its wave and the run; completed work stays. */
async function failStory(
  tx: Tx,
  runId: string,
  storyId: string,
  error: string,
  now: Date,
): Promise<Transition> {
  const out = emptyTransition();
  const story = await tx.story.update({
    where: { id: storyId },
    data: { status: "failed", finishedAt: now, error },
    select: { key: true, waveId: true, wave: { select: { index: true } } },
  });
  await tx.wave.update({ where: { id: story.waveId }, data: { status: "failed", finishedAt: now } });
  await tx.run.update({
    where: { id: runId },
    data: { status: "failed", finishedAt: now, error: `${story.key}: ${error}` },
  });
  out.events.push(
    {
      type: "story:updated",
      payload: { storyId, key: story.key, status: "failed", error, finishedAt: now.toISOString() },
    },
    { type: "wave:updated", payload: { waveId: story.waveId, index: story.wave.index, status: "failed" } },
    {
      type: "run:updated",
      payload: { status: "failed", error: `${story.key}: ${error}`, finishedAt: now.toISOString() },
    },
  );
  return out;
}

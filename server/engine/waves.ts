import { appendEvents, type RunEventInput } from "./events";
import type { DispatchJob, RunSettings, Tx } from "./types";

/**
 * Wave transitions. Every status change of waves and runs happens here or in step-lifecycle,
 * inside the caller's transaction, with its event.
 */

export interface Transition {
  jobs: DispatchJob[];
  events: RunEventInput[];
}

export function emptyTransition(): Transition {
  return { jobs: [], events: [] };
}

export function merge(into: Transition, from: Transition): Transition {
  into.jobs.push(...from.jobs);
  into.events.push(...from.events);
  return into;
}

/** Commits the first step of each ready story as `queued` and returns the jobs to enqueue. */
export async function queueStories(tx: Tx, runId: string, storyIds: string[]): Promise<Transition> {
  const out = emptyTransition();
  if (storyIds.length === 0) return out;
  const now = new Date();
  const stories = await tx.story.updateManyAndReturn({
    where: { id: { in: storyIds }, status: "pending" },
    data: { status: "queued" },
    select: { id: true, key: true, waveId: true },
  });
  if (stories.length === 0) return out;
  const steps = await tx.step.updateManyAndReturn({
    where: { storyId: { in: stories.map((story) => story.id) }, position: 0, status: "pending" },
    data: { status: "queued", queuedAt: now, dispatch: { increment: 1 } },
    select: { id: true, storyId: true, queue: true, dispatch: true, kind: true },
  });
  for (const step of steps) {
    out.jobs.push({ stepId: step.id, runId, queue: step.queue, dispatch: step.dispatch });
    out.events.push({
      type: "step:updated",
      payload: {
        stepId: step.id,
        storyId: step.storyId,
        kind: step.kind,
        status: "queued",
        at: now.toISOString(),
      },
    });
  }
  for (const story of stories) {
    out.events.push({
      type: "story:updated",
      payload: { storyId: story.id, key: story.key, status: "queued" },
    });
  }
  return out;
}

/** Opens wave `index` (skipping waves whose stories were all done before the run), or ends the run. */
export async function openWave(tx: Tx, runId: string, index: number): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  for (let current = index; ; current++) {
    const wave = await tx.wave.findUnique({ where: { runId_index: { runId, index: current } } });
    if (!wave) {
      await tx.run.update({ where: { id: runId }, data: { status: "succeeded", finishedAt: now } });
      out.events.push({
        type: "run:updated",
        payload: { status: "succeeded", finishedAt: now.toISOString() },
      });
      return out;
    }
    if (wave.remaining === 0) {
      await tx.wave.update({
        where: { id: wave.id },
        data: { status: "passed", startedAt: now, finishedAt: now },
      });
      out.events.push({
        type: "wave:updated",
        payload: { waveId: wave.id, index: current, status: "passed" },
      });
      continue;
    }
    await tx.wave.update({ where: { id: wave.id }, data: { status: "running", startedAt: now } });
    await tx.run.update({ where: { id: runId }, data: { status: "running", currentWave: current } });
    out.events.push({
      type: "wave:updated",
      payload: { waveId: wave.id, index: current, status: "running", startedAt: now.toISOString() },
    });
    out.events.push({ type: "run:updated", payload: { status: "running", currentWave: current } });
    const ready = await tx.story.findMany({
      where: { waveId: wave.id, status: "pending", pendingDeps: 0 },
      select: { id: true },
    });
    return merge(
      out,
      await queueStories(
        tx,
        runId,
        ready.map((story) => story.id),
      ),
    );
  }
}

/**
 * The last story of a wave finished. With approval required, the wave waits for a person,
 * unless a Continue arrived before the prompt was shown (it is kept, not dropped).
 */
export async function closeWave(
  tx: Tx,
  run: { id: string; settings: RunSettings },
  wave: { id: string; index: number },
): Promise<Transition> {
  const out = emptyTransition();
  const now = new Date();
  const isLast = (await tx.wave.count({ where: { runId: run.id, index: { gt: wave.index } } })) === 0;
  const continued =
    run.settings.approval === "automatic" ||
    (await tx.approval.count({ where: { waveId: wave.id, decision: "continue" } })) > 0;
  if (isLast || continued) {
    await tx.wave.update({ where: { id: wave.id }, data: { status: "passed", finishedAt: now } });
    out.events.push({
      type: "wave:updated",
      payload: { waveId: wave.id, index: wave.index, status: "passed", finishedAt: now.toISOString() },
    });
    return merge(out, await openWave(tx, run.id, wave.index + 1));
  }
  const paused = (await tx.approval.count({ where: { waveId: wave.id, decision: "pause" } })) > 0;
  await tx.wave.update({ where: { id: wave.id }, data: { status: "awaiting_approval", finishedAt: now } });
  const runStatus = paused ? "paused" : "awaiting_approval";
  await tx.run.update({ where: { id: run.id }, data: { status: runStatus } });
  out.events.push(
    {
      type: "wave:updated",
      payload: {
        waveId: wave.id,
        index: wave.index,
        status: "awaiting_approval",
        finishedAt: now.toISOString(),
      },
    },
    { type: "run:updated", payload: { status: runStatus } },
    { type: "approval:requested", payload: { waveId: wave.id, index: wave.index } },
  );
  return out;
}

export async function commit(tx: Tx, runId: string, transition: Transition): Promise<DispatchJob[]> {
  await appendEvents(tx, runId, transition.events);
  return transition.jobs;
}

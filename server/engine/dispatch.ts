import { gateQueue } from "../queue/catalog";
import { emptyTransition, merge, type Transition } from "./transition";
import type { RunContext, Tx } from "./types";

/**
 * Commits ready stories' first steps as `queued` (or a manual story as waiting for a person) and
 * returns the jobs to enqueue.
 */
export async function queueStories(tx: Tx, runId: string, storyIds: string[]): Promise<Transition> {
  const out = emptyTransition();
  if (storyIds.length === 0) return out;
  const now = new Date();
  const stories = await tx.story.findMany({
    where: { id: { in: storyIds }, status: "pending" },
    select: { id: true, key: true, _count: { select: { steps: true } } },
  });
  const manual = stories.filter((story) => story._count.steps === 0);
  const automated = stories.filter((story) => story._count.steps > 0);
  if (manual.length > 0) {
    await tx.story.updateMany({
      where: { id: { in: manual.map((s) => s.id) } },
      data: { status: "waiting_for_human" },
    });
    for (const story of manual) {
      out.events.push({
        type: "story:updated",
        payload: { storyId: story.id, key: story.key, status: "waiting_for_human" },
      });
    }
  }
  if (automated.length === 0) return out;
  await tx.story.updateMany({
    where: { id: { in: automated.map((s) => s.id) } },
    data: { status: "queued" },
  });
  const steps = await tx.step.updateManyAndReturn({
    where: { storyId: { in: automated.map((story) => story.id) }, status: "pending" },
    data: { status: "queued", queuedAt: now, dispatch: { increment: 1 } },
    select: { id: true, storyId: true, queue: true, dispatch: true, kind: true, position: true },
  });
  // Only each story's first pending step is queued: put the others back.
  const first = new Map<string, (typeof steps)[number]>();
  for (const step of steps) {
    const current = first.get(step.storyId);
    if (!current || step.position < current.position) first.set(step.storyId, step);
  }
  const later = steps.filter((step) => first.get(step.storyId) !== step);
  if (later.length > 0) {
    await tx.step.updateMany({
      where: { id: { in: later.map((step) => step.id) } },
      data: { status: "pending", queuedAt: null, dispatch: { decrement: 1 } },
    });
  }
  for (const step of first.values()) {
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
  for (const story of automated) {
    out.events.push({
      type: "story:updated",
      payload: { storyId: story.id, key: story.key, status: "queued" },
    });
  }
  return out;
}

/**
 * Queues whatever may start now: every ready story of the run's open waves, or, in sequential
 * mode, the next one in plan order when nothing else is in flight.
 */
export async function dispatchReady(tx: Tx, run: RunContext, candidates?: string[]): Promise<Transition> {
  const ready = await tx.story.findMany({
    where: {
      runId: run.id,
      status: "pending",
      pendingDeps: 0,
      wave: { status: "running" },
      ...(candidates ? { id: { in: candidates } } : {}),
    },
    orderBy: [{ wave: { index: "asc" } }, { position: "asc" }],
    select: { id: true },
  });
  if (ready.length === 0) return emptyTransition();
  if (run.settings.mode !== "sequential") {
    return queueStories(
      tx,
      run.id,
      ready.map((story) => story.id),
    );
  }
  const inFlight = await tx.story.count({
    where: { runId: run.id, status: { in: ["queued", "running", "waiting_for_human"] } },
  });
  if (inFlight > 0) return emptyTransition();
  const [next] = ready;
  return next ? queueStories(tx, run.id, [next.id]) : emptyTransition();
}

/** A gate job: its id is the wave's (or the run's, for the end-of-run gates). */
export function gateJob(runId: string, targetId: string): Transition {
  return merge(emptyTransition(), {
    jobs: [{ stepId: targetId, runId, queue: gateQueue, dispatch: 1 }],
    events: [],
  });
}

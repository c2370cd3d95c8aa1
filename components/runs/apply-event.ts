import type { RunEvent, RunView, StoryStatus, WaveStatus } from "./types";

/**
 * Patches the cached run with one event. Pure: returns a new view, or the same object when the
 * event changes nothing the page shows.
 */
/** Events whose details the patch cannot carry (gate output): the run is read again. */
export function needsReload(event: RunEvent): boolean {
  return event.type === "wave:updated" && Array.isArray(event.payload.gates);
}

/** Replaces the entries whose id matches with `patch(entry)`; the others are kept as they are. */
function patchById<T extends { id: string }>(list: T[], id: unknown, patch: (entry: T) => T): T[] {
  return list.map((entry) => (entry.id === id ? patch(entry) : entry));
}

export function applyRunEvent(view: RunView, event: RunEvent): RunView {
  if (event.runId !== view.id) return view;
  const p = event.payload;
  const lastEventId = BigInt(event.id) > BigInt(view.lastEventId) ? event.id : view.lastEventId;
  switch (event.type) {
    case "run:updated":
      return {
        ...view,
        lastEventId,
        status: (p.status as RunView["status"]) ?? view.status,
        currentWave: typeof p.currentWave === "number" ? p.currentWave : view.currentWave,
        finishedAt: (p.finishedAt as string | undefined) ?? view.finishedAt,
        error: (p.error as string | undefined) ?? view.error,
      };
    case "wave:updated":
      return {
        ...view,
        lastEventId,
        waves: patchById(view.waves, p.waveId, (wave) => ({
          ...wave,
          status: (p.status as WaveStatus | undefined) ?? wave.status,
          startedAt: (p.startedAt as string | undefined) ?? wave.startedAt,
          finishedAt: (p.finishedAt as string | undefined) ?? wave.finishedAt,
        })),
      };
    case "story:updated":
      return {
        ...view,
        lastEventId,
        stories: patchById(view.stories, p.storyId, (story) => ({
          ...story,
          status: (p.status as StoryStatus | undefined) ?? story.status,
          startedAt:
            (p.startedAt as string | undefined) ??
            story.startedAt ??
            (p.status === "running" ? event.at : null),
          finishedAt: (p.finishedAt as string | undefined) ?? story.finishedAt,
          error: (p.error as string | undefined) ?? story.error,
        })),
      };
    case "step:updated":
      return {
        ...view,
        lastEventId,
        stories: patchById(view.stories, p.storyId, (story) => ({
          ...story,
          steps: patchById(story.steps, p.stepId, (step) => ({
            ...step,
            status: p.status as string,
            startedAt: p.status === "running" ? ((p.at as string) ?? step.startedAt) : step.startedAt,
            finishedAt:
              p.status === "succeeded" || p.status === "failed"
                ? ((p.at as string) ?? null)
                : step.finishedAt,
            error: (p.error as string | undefined) ?? step.error,
            result: (p.result as Record<string, unknown> | undefined) ?? step.result,
          })),
        })),
      };
    case "step:output":
      return {
        ...view,
        lastEventId,
        stories: patchById(view.stories, p.storyId, (story) => ({
          ...story,
          steps: patchById(story.steps, p.stepId, (step) => ({
            ...step,
            logTail: typeof p.tail === "string" ? p.tail : step.logTail,
          })),
        })),
      };
    case "approval:decided":
      return {
        ...view,
        lastEventId,
        approvals: [
          ...view.approvals,
          {
            waveIndex: p.index as number,
            decision: p.decision as "continue" | "pause",
            decidedBy: p.decidedBy as string,
            comment: (p.comment as string | null) ?? null,
            at: (p.at as string) ?? event.at,
          },
        ],
      };
    default:
      return { ...view, lastEventId };
  }
}

import { describe, expect, it } from "vitest";
import { applyRunEvent } from "../runs/apply-event";
import type { RunEvent, RunView } from "../runs/types";
import { benchEvent, generateBenchRun, runningStoryIds } from "./bench/generate-run";
import { buildGanttModel, createGanttModelBuilder } from "./model-builder";

const startedAt = Date.parse("2026-11-21T10:00:00Z");

function storyEvent(run: RunView, storyId: string, payload: Record<string, unknown>, at: number): RunEvent {
  return {
    id: String(BigInt(run.lastEventId) + 1n),
    runId: run.id,
    type: "story:updated",
    version: 1,
    payload: { storyId, ...payload },
    at: new Date(at).toISOString(),
  };
}

describe("createGanttModelBuilder", () => {
  it("patches rows event by event and always equals a fresh build", () => {
    let run = generateBenchRun({ items: 120, waves: 6, startedAt });
    const ids = runningStoryIds(run);
    const build = createGanttModelBuilder();
    let now = startedAt + 3_600_000;
    for (let sequence = 0; sequence < 400; sequence++) {
      now += 250;
      run = applyRunEvent(run, benchEvent(run, ids, sequence, now));
      if (sequence % 50 === 7) {
        const id = ids[sequence % ids.length] as string;
        run = applyRunEvent(
          run,
          storyEvent(run, id, { status: "succeeded", finishedAt: new Date(now).toISOString() }, now),
        );
      }
      expect(build(run, now)).toEqual(buildGanttModel(run, now));
    }
  });

  it("reuses the row objects of stories that did not change", () => {
    const run = generateBenchRun({ items: 60, waves: 3, startedAt });
    const build = createGanttModelBuilder();
    const first = build(run, startedAt + 3_600_000);
    const next = applyRunEvent(run, benchEvent(run, runningStoryIds(run), 0, startedAt + 3_600_500));
    const second = build(next, startedAt + 3_600_500);
    expect(second.rows[1]).toBe(first.rows[1]);
    expect(second.rowIndexByKey).toBe(first.rowIndexByKey);
  });

  it("rebuilds when a finished story is retried, so the run's start can move", () => {
    const base = generateBenchRun({ items: 4, waves: 1, startedAt });
    const done = {
      ...base,
      stories: base.stories.map((story) => ({
        ...story,
        status: "succeeded" as const,
        finishedAt: story.startedAt,
      })),
    };
    const build = createGanttModelBuilder();
    build(done, startedAt + 10_000_000);
    const firstId = done.stories[0]?.id as string;
    const retried = {
      ...done,
      stories: done.stories.map((story) =>
        story.id === firstId
          ? {
              ...story,
              status: "running" as const,
              startedAt: new Date(startedAt + 9_000_000).toISOString(),
              finishedAt: null,
            }
          : story,
      ),
    };
    expect(build(retried, startedAt + 10_000_000)).toEqual(buildGanttModel(retried, startedAt + 10_000_000));
  });

  it("rebuilds when waves or approvals change", () => {
    const run = generateBenchRun({ items: 20, waves: 2, startedAt });
    const build = createGanttModelBuilder();
    build(run, startedAt + 1_000_000);
    const decided = {
      ...run,
      approvals: [
        ...run.approvals,
        {
          waveIndex: 1,
          decision: "pause" as const,
          decidedBy: "ana",
          comment: null,
          at: new Date(startedAt + 900_000).toISOString(),
        },
      ],
    };
    const model = build(decided, startedAt + 1_000_000);
    const wave2 = model.rows.find((row) => row.kind === "wave" && row.waveIndex === 1);
    expect(wave2?.kind === "wave" && wave2.markers.map((marker) => marker.label)).toEqual(["Paused by ana"]);
  });
});

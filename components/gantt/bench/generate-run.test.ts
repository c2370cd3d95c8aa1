import { describe, expect, it } from "vitest";
import { applyRunEvent } from "../../runs/apply-event";
import { benchEvent, generateBenchRun, runningStoryIds } from "./generate-run";

const startedAt = Date.parse("2026-11-21T10:00:00Z");

describe("generateBenchRun", () => {
  const run = generateBenchRun({ items: 5000, waves: 50, startedAt });

  it("makes the asked number of items across waves, with the middle wave running", () => {
    expect(run.stories).toHaveLength(5000);
    expect(run.waves).toHaveLength(50);
    expect(run.waves.map((wave) => wave.status).slice(24, 27)).toEqual(["passed", "running", "pending"]);
    expect(new Set(run.stories.map((story) => story.key)).size).toBe(5000);
  });

  it("only depends on items of the previous wave", () => {
    const waveOf = new Map(run.stories.map((story) => [story.key, story.waveIndex]));
    const misplaced = run.stories.filter((story) =>
      story.dependsOn.some((dep) => waveOf.get(dep) !== story.waveIndex - 1),
    );
    expect(misplaced).toEqual([]);
    expect(run.stories.filter((story) => story.dependsOn.length > 0).length).toBeGreaterThan(4000);
  });

  it("is deterministic", () => {
    expect(generateBenchRun({ items: 50, waves: 5, startedAt })).toEqual(
      generateBenchRun({ items: 50, waves: 5, startedAt }),
    );
  });
});

describe("benchEvent", () => {
  it("starts steps of the running wave's items through applyRunEvent", () => {
    const run = generateBenchRun({ items: 20, waves: 2, startedAt });
    const event = benchEvent(run, runningStoryIds(run), 0, startedAt + 1000);
    const next = applyRunEvent(run, event);
    expect(next).not.toBe(run);
    expect(next.lastEventId).toBe("2");
    const story = next.stories.find((s) => s.id === event.payload.storyId);
    expect(story?.waveIndex).toBe(1);
    expect(story?.steps.find((s) => s.id === event.payload.stepId)?.status).toBe("running");
  });
});

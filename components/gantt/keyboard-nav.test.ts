import { describe, expect, it } from "vitest";
import { nextActiveIndex } from "./keyboard-nav";
import { buildGanttModel } from "./model-builder";
import { iso, run, story, t0 } from "./testing/run-fixture";

// Rows: 0 Wave 1, 1 WS1, 2 Wave 2, 3 WS2, 4 WS3, 5 Wave 3, 6 WS4
const base = run();
const { rows } = buildGanttModel(
  {
    ...base,
    waves: [
      ...base.waves,
      { id: "w2", index: 2, name: "Phase 3", status: "pending", startedAt: null, finishedAt: null },
    ],
    stories: [...base.stories, story({ key: "WS4", waveIndex: 2, startedAt: iso(1) })],
  },
  t0,
);

describe("nextActiveIndex", () => {
  it("moves up and down between items, skipping wave rows", () => {
    expect(nextActiveIndex(rows, 1, "ArrowDown")).toBe(3);
    expect(nextActiveIndex(rows, 3, "ArrowUp")).toBe(1);
    expect(nextActiveIndex(rows, 1, "ArrowUp")).toBeNull();
    expect(nextActiveIndex(rows, 6, "ArrowDown")).toBeNull();
  });

  it("jumps between waves with left and right", () => {
    expect(nextActiveIndex(rows, 1, "ArrowRight")).toBe(3);
    expect(nextActiveIndex(rows, 4, "ArrowRight")).toBe(6);
    expect(nextActiveIndex(rows, 4, "ArrowLeft")).toBe(3);
    expect(nextActiveIndex(rows, 3, "ArrowLeft")).toBe(1);
    expect(nextActiveIndex(rows, 1, "ArrowLeft")).toBeNull();
  });

  it("goes to the ends and by pages", () => {
    expect(nextActiveIndex(rows, 4, "Home")).toBe(1);
    expect(nextActiveIndex(rows, 1, "End")).toBe(6);
    expect(nextActiveIndex(rows, 1, "PageDown", 3)).toBe(4);
    expect(nextActiveIndex(rows, 6, "PageUp", 4)).toBe(1);
    expect(nextActiveIndex(rows, 1, "x")).toBeNull();
  });
});

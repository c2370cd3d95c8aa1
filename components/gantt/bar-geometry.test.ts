import { describe, expect, it } from "vitest";
import { barBox, segmentBoxes } from "./bar-geometry";
import type { GanttSegment } from "./model";

const x = (t: number) => t;
const segment = (start: number, end: number): GanttSegment => ({
  kind: "implement",
  label: "implement",
  status: "succeeded",
  start,
  end,
  open: false,
});

describe("barBox", () => {
  it("places a bar inside the track as is", () => {
    expect(barBox({ start: 10, end: 60, open: false }, x, 500)).toEqual({ left: 10, width: 50 });
  });

  it("clamps bars that run off either side, and keeps a minimum width", () => {
    expect(barBox({ start: -400, end: 100, open: false }, x, 500)).toEqual({ left: -2, width: 102 });
    expect(barBox({ start: 450, end: 900, open: true }, x, 500)).toEqual({ left: 450, width: 52 });
    expect(barBox({ start: 20, end: 20, open: false }, x, 500)).toEqual({ left: 20, width: 4 });
  });

  it("leaves a stub at the edge for a bar entirely out of view", () => {
    expect(barBox({ start: 900, end: 1000, open: false }, x, 500)).toEqual({ left: 498, width: 4 });
    expect(barBox({ start: -900, end: -800, open: false }, x, 500)).toEqual({ left: -2, width: 4 });
  });
});

describe("segmentBoxes", () => {
  it("positions segments relative to the bar and clips them to it", () => {
    const bar = { left: 100, width: 200 };
    expect(segmentBoxes([segment(50, 150), segment(150, 400), segment(500, 600)], x, bar)).toEqual([
      { left: 0, width: 50, segment: segment(50, 150) },
      { left: 50, width: 150, segment: segment(150, 400) },
    ]);
  });
});

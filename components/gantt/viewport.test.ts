import { describe, expect, it } from "vitest";
import {
  fitWindow,
  maxSpan,
  minSpan,
  panWindow,
  parseGanttUrlState,
  wheelZoomFactor,
  writeGanttUrlState,
  zoomWindow,
} from "./viewport";

describe("zoom, fit and pan", () => {
  it("fits the whole run with a little room on the right", () => {
    expect(fitWindow(0, 10_000)).toEqual({ from: 0, to: 11_000 });
    // Growing by a little keeps the same window, so unchanged rows do not redraw.
    expect(fitWindow(0, 10_500)).toEqual(fitWindow(0, 10_000));
    expect(fitWindow(0, 10).to - 0).toBeGreaterThanOrEqual(minSpan);
  });

  it("zooms around the anchor, keeping it at the same place on screen", () => {
    const zoomed = zoomWindow({ from: 0, to: 10_000 }, 0.5, 2000);
    expect(zoomed).toEqual({ from: 1000, to: 6000 });
  });

  it("clamps zoom between a second and 30 days", () => {
    const deep = zoomWindow({ from: 0, to: 2000 }, 0.01);
    expect(deep.to - deep.from).toBe(minSpan);
    const wide = zoomWindow({ from: 0, to: maxSpan }, 10);
    expect(wide.to - wide.from).toBe(maxSpan);
  });

  it("returns to the same window when zooming in then out by the same wheel distance", () => {
    const start = { from: 0, to: 60_000 };
    const back = zoomWindow(zoomWindow(start, wheelZoomFactor(-100), 15_000), wheelZoomFactor(100), 15_000);
    expect(back.from).toBeCloseTo(0, 6);
    expect(back.to).toBeCloseTo(60_000, 6);
  });

  it("pans by a time delta", () => {
    expect(panWindow({ from: 0, to: 10 }, -5)).toEqual({ from: -5, to: 5 });
  });
});

describe("URL state", () => {
  it("round-trips the window and selection and keeps other parameters", () => {
    const search = writeGanttUrlState("?story=s1", { window: { from: 1000, to: 9000.4 }, selected: "WS2" });
    expect(search).toBe("?story=s1&gantt=1000%7E9000&gantt_item=WS2");
    expect(parseGanttUrlState(new URLSearchParams(search))).toEqual({
      window: { from: 1000, to: 9000 },
      selected: "WS2",
    });
  });

  it("treats a missing or malformed window as fit", () => {
    expect(parseGanttUrlState(null)).toEqual({ window: null, selected: null });
    expect(parseGanttUrlState(new URLSearchParams("gantt=9~1&gantt_item="))).toEqual({
      window: null,
      selected: null,
    });
    expect(writeGanttUrlState("?gantt=1~2000&gantt_item=A", { window: null, selected: null })).toBe("");
  });
});

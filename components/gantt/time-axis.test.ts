import { describe, expect, it } from "vitest";
import { axisTicks, formatOffset, tickStep, timeScale, timeTicks } from "./time-axis";

describe("timeScale", () => {
  it("maps time linearly onto the track", () => {
    const x = timeScale(1000, 3000, 400);
    expect(x(1000)).toBe(0);
    expect(x(2000)).toBe(200);
    expect(x(3000)).toBe(400);
  });
});

describe("ticks", () => {
  it("picks round tick steps that fit", () => {
    expect(timeTicks(0, 10_000, 6)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(timeTicks(0, 3_600_000, 6)).toEqual([
      0, 600_000, 1_200_000, 1_800_000, 2_400_000, 3_000_000, 3_600_000,
    ]);
  });

  it("adapts the step to the zoom, from sub-second to days", () => {
    expect(tickStep(1000, 10)).toBe(100);
    expect(tickStep(60_000, 6)).toBe(10_000);
    expect(tickStep(7 * 86_400_000, 4)).toBe(2 * 86_400_000);
  });

  it("keeps ticks on round offsets from the run's start while panning", () => {
    const origin = 1_000_000;
    const ticks = axisTicks(origin, origin + 2500, origin + 12_500, 500, 100);
    expect(ticks.map((tick) => tick.label)).toEqual(["4s", "6s", "8s", "10s", "12s"]);
    expect(ticks[0]?.at).toBe(origin + 4000);
  });

  it("labels times before the start and below a second", () => {
    const ticks = axisTicks(0, -1000, 1000, 400, 100);
    expect(ticks.map((tick) => tick.label)).toEqual(["-1s", "-0.5s", "0s", "0.5s", "1s"]);
  });
});

describe("formatOffset", () => {
  it("reads like a duration", () => {
    expect(formatOffset(75_000)).toBe("1m 15s");
    expect(formatOffset(3_600_000)).toBe("1h");
    expect(formatOffset(3_900_000)).toBe("1h 5m");
    expect(formatOffset(50 * 3_600_000)).toBe("2d 2h");
  });
});

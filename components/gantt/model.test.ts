import { describe, expect, it } from "vitest";
import type { RunView } from "../runs/types";
import { buildGanttModel, formatOffset, timeScale, timeTicks } from "./model";

const t0 = Date.parse("2026-11-21T10:00:00Z");
const iso = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();

function run(overrides: Partial<RunView> = {}): RunView {
  return {
    id: "run_1",
    status: "running",
    mode: "waves",
    currentWave: 1,
    error: null,
    startedBy: null,
    createdAt: iso(0),
    startedAt: iso(0),
    finishedAt: null,
    spec: { id: "spec_1", name: "S", format: "exec-spec" },
    lastEventId: "3",
    waves: [
      { id: "w0", index: 0, name: "Phase 1", status: "passed", startedAt: iso(0), finishedAt: iso(4000) },
      { id: "w1", index: 1, name: "Phase 2", status: "running", startedAt: iso(5000), finishedAt: null },
    ],
    stories: [
      {
        id: "s1",
        key: "WS1",
        title: "Schema",
        role: "be",
        status: "succeeded",
        waveIndex: 0,
        dependsOn: [],
        startedAt: iso(0),
        finishedAt: iso(4000),
        error: null,
        steps: [],
      },
      {
        id: "s2",
        key: "WS2",
        title: "Service",
        role: "be",
        status: "running",
        waveIndex: 1,
        dependsOn: ["WS1"],
        startedAt: iso(5000),
        finishedAt: null,
        error: null,
        steps: [],
      },
      {
        id: "s3",
        key: "WS3",
        title: "UI",
        role: "fe",
        status: "pending",
        waveIndex: 1,
        dependsOn: ["WS1"],
        startedAt: null,
        finishedAt: null,
        error: null,
        steps: [],
      },
    ],
    approvals: [],
    ...overrides,
  };
}

describe("buildGanttModel", () => {
  it("groups story rows under their wave, in wave order", () => {
    const model = buildGanttModel(run(), t0 + 8000);
    expect(model.rows.map((row) => `${row.kind}:${row.label}`)).toEqual([
      "wave:Wave 1",
      "story:WS1",
      "wave:Wave 2",
      "story:WS2",
      "story:WS3",
    ]);
  });

  it("draws finished bars from start to finish and running bars up to now", () => {
    const model = buildGanttModel(run(), t0 + 8000);
    const ws1 = model.rows.find((row) => row.label === "WS1");
    const ws2 = model.rows.find((row) => row.label === "WS2");
    expect(ws1?.bar).toEqual({ start: t0, end: t0 + 4000, open: false });
    expect(ws2?.bar).toEqual({ start: t0 + 5000, end: t0 + 8000, open: true });
    expect(model.rows.find((row) => row.label === "WS3")?.bar).toBeNull();
    expect(model.start).toBe(t0);
    expect(model.end).toBe(t0 + 8000);
  });

  it("stops growing once the run is finished", () => {
    const finished = run({
      status: "succeeded",
      finishedAt: iso(6000),
      waves: [{ id: "w0", index: 0, name: "P", status: "passed", startedAt: iso(0), finishedAt: iso(6000) }],
      stories: [
        {
          id: "s1",
          key: "WS1",
          title: "S",
          role: "be",
          status: "succeeded",
          waveIndex: 0,
          dependsOn: [],
          startedAt: iso(0),
          finishedAt: iso(6000),
          error: null,
          steps: [],
        },
      ],
    });
    expect(buildGanttModel(finished, t0 + 60_000).end).toBe(t0 + 6000);
  });
});

describe("time axis", () => {
  it("maps time linearly onto the track", () => {
    const x = timeScale(1000, 3000, 400);
    expect(x(1000)).toBe(0);
    expect(x(2000)).toBe(200);
    expect(x(3000)).toBe(400);
  });

  it("picks round tick steps that fit", () => {
    expect(timeTicks(0, 10_000, 6)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(timeTicks(0, 3_600_000, 6)).toEqual([
      0, 600_000, 1_200_000, 1_800_000, 2_400_000, 3_000_000, 3_600_000,
    ]);
    expect(formatOffset(75_000)).toBe("1m 15s");
  });
});

import { describe, expect, it } from "vitest";
import { stepSegments, waveMarkers } from "./model";
import { buildGanttModel } from "./model-builder";
import { iso, run, step, story, t0 } from "./testing/run-fixture";

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
    expect([...model.rowIndexByKey]).toEqual([
      ["WS1", 1],
      ["WS2", 3],
      ["WS3", 4],
    ]);
  });

  it("orders waves by index even when the run lists them out of order", () => {
    const base = run();
    const model = buildGanttModel({ ...base, waves: [...base.waves].reverse() }, t0 + 8000);
    expect(model.rows[0]?.label).toBe("Wave 1");
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
      stories: [story({ key: "WS1", status: "succeeded", startedAt: iso(0), finishedAt: iso(6000) })],
    });
    expect(buildGanttModel(finished, t0 + 60_000).end).toBe(t0 + 6000);
  });

  it("starts at the run's start when nothing has started yet", () => {
    const notStarted = run({
      waves: [{ id: "w0", index: 0, name: "P", status: "pending", startedAt: null, finishedAt: null }],
      stories: [story({ key: "WS1" })],
    });
    const model = buildGanttModel(notStarted, t0 + 500);
    expect(model.start).toBe(t0);
    expect(model.end).toBe(t0 + 1000);
  });

  it("puts approvals and gates on their wave's row", () => {
    const model = buildGanttModel(
      run({
        approvals: [{ waveIndex: 0, decision: "continue", decidedBy: "ana", comment: null, at: iso(4500) }],
      }),
      t0 + 8000,
      [{ waveIndex: 1, name: "lint", status: "passed", at: iso(6000) }],
    );
    const [wave1, , wave2] = model.rows;
    expect(wave1?.kind === "wave" && wave1.markers).toEqual([
      { kind: "approval", at: t0 + 4500, label: "Approved by ana", status: "continue" },
    ]);
    expect(wave2?.kind === "wave" && wave2.markers).toEqual([
      { kind: "gate", at: t0 + 6000, label: "Gate lint: passed", status: "passed" },
    ]);
  });
});

describe("stepSegments", () => {
  it("turns started steps into time-ordered segments and skips steps that never started", () => {
    const segments = stepSegments(
      [
        step({ kind: "implement", status: "running", startedAt: iso(3000) }),
        step({ kind: "test_author", status: "succeeded", startedAt: iso(0), finishedAt: iso(3000) }),
        step({ kind: "review_spec", status: "pending" }),
      ],
      t0 + 5000,
    );
    expect(segments).toEqual([
      { kind: "test", label: "test authoring", status: "succeeded", start: t0, end: t0 + 3000, open: false },
      {
        kind: "implement",
        label: "implement",
        status: "running",
        start: t0 + 3000,
        end: t0 + 5000,
        open: true,
      },
    ]);
  });

  it("names both review steps and does not grow a failed step without a finish time", () => {
    const [spec, quality] = stepSegments(
      [
        step({ kind: "review_spec", status: "failed", startedAt: iso(0) }),
        step({ kind: "review_quality", status: "weird", startedAt: iso(10), finishedAt: iso(20) }),
      ],
      t0 + 5000,
    );
    expect(spec).toMatchObject({ kind: "review", label: "review (spec)", end: t0, open: false });
    // An unknown status is shown as pending rather than trusted as a class name.
    expect(quality).toMatchObject({
      kind: "review",
      label: "review (quality)",
      status: "pending",
      open: true,
    });
  });
});

describe("waveMarkers", () => {
  it("labels a pause decision and drops markers without a valid time", () => {
    expect(
      waveMarkers(
        [
          { waveIndex: 0, decision: "pause", decidedBy: "lee", comment: "wait", at: iso(9) },
          { waveIndex: 0, decision: "continue", decidedBy: "x", comment: null, at: "not a date" },
        ],
        [{ waveIndex: 0, name: "tests", status: "failed", at: iso(1) }],
      ).map((marker) => marker.label),
    ).toEqual(["Gate tests: failed", "Paused by lee"]);
  });
});

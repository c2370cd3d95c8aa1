import { describe, expect, it } from "vitest";
import { type LiveSnapshot, liveSnapshotReducer } from "./live-snapshot";

const live: LiveSnapshot<string> = { drawn: "v1", paused: false, waiting: 0 };

describe("liveSnapshotReducer", () => {
  it("draws every update while live", () => {
    expect(liveSnapshotReducer(live, { type: "received", value: "v2" })).toEqual({
      drawn: "v2",
      paused: false,
      waiting: 0,
    });
  });

  it("freezes the drawn value while paused and counts what is waiting", () => {
    let state = liveSnapshotReducer(live, { type: "pause" });
    state = liveSnapshotReducer(state, { type: "received", value: "v2" });
    state = liveSnapshotReducer(state, { type: "received", value: "v3" });
    expect(state).toEqual({ drawn: "v1", paused: true, waiting: 2 });
  });

  it("draws the latest on resume", () => {
    const paused = { drawn: "v1", paused: true, waiting: 5 };
    expect(liveSnapshotReducer(paused, { type: "resume", latest: "v6" })).toEqual({
      drawn: "v6",
      paused: false,
      waiting: 0,
    });
  });

  it("does not count a re-render with the same value as an update", () => {
    const paused = { drawn: "v1", paused: true, waiting: 0 };
    expect(liveSnapshotReducer(paused, { type: "received", value: "v1" })).toBe(paused);
  });
});

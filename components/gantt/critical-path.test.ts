import { describe, expect, it } from "vitest";
import { criticalPath, storyDuration } from "./critical-path";
import { iso, story, t0 } from "./testing/run-fixture";

const done = (key: string, from: number, to: number, dependsOn: string[] = []) =>
  story({ key, status: "succeeded", startedAt: iso(from), finishedAt: iso(to), dependsOn });

describe("criticalPath", () => {
  it("follows the dependency chain with the most actual time", () => {
    const stories = [
      done("A", 0, 1000),
      done("B", 0, 5000),
      done("C", 5000, 6000, ["A", "B"]),
      done("D", 1000, 3000, ["A"]),
    ];
    expect(criticalPath(stories, t0 + 10_000)).toEqual({ keys: ["B", "C"], duration: 6000 });
  });

  it("counts a running item's elapsed time up to now", () => {
    const stories = [
      done("A", 0, 1000),
      done("B", 0, 2000),
      story({ key: "C", status: "running", startedAt: iso(1000), dependsOn: ["A"] }),
    ];
    expect(criticalPath(stories, t0 + 9000)).toEqual({ keys: ["A", "C"], duration: 9000 });
  });

  it("ignores dependencies outside the run and survives a cycle", () => {
    const stories = [done("A", 0, 1000, ["B", "ELSEWHERE"]), done("B", 0, 2000, ["A"])];
    const path = criticalPath(stories, t0);
    expect(path.duration).toBe(3000);
    expect(new Set(path.keys)).toEqual(new Set(["A", "B"]));
  });

  it("is empty when nothing has started", () => {
    expect(criticalPath([story({ key: "A" }), story({ key: "B", dependsOn: ["A"] })], t0)).toEqual({
      keys: [],
      duration: 0,
    });
  });

  it("walks a 5,000-long chain without overflowing the stack", () => {
    const chain = Array.from({ length: 5000 }, (_, i) =>
      done(`K${i}`, i * 10, i * 10 + 10, i > 0 ? [`K${i - 1}`] : []),
    );
    const path = criticalPath(chain.reverse(), t0);
    expect(path.keys).toHaveLength(5000);
    expect(path.keys[0]).toBe("K0");
    expect(path.duration).toBe(50_000);
  });
});

describe("storyDuration", () => {
  it("is 0 for an item that has not started", () => {
    expect(storyDuration(story({ key: "A" }), t0 + 1)).toBe(0);
  });
});

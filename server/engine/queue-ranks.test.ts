import { describe, expect, it } from "vitest";
import { queueRanks } from "./queue-ranks";

describe("queueRanks", () => {
  it("ranks an item by the longest chain of steps from its start to the run's end", () => {
    // A → B → C is 9 steps long; D → C is 6; E stands alone with 3.
    const ranks = queueRanks([
      { id: "A", dependsOn: [], steps: 3 },
      { id: "B", dependsOn: ["A"], steps: 3 },
      { id: "C", dependsOn: ["B", "D"], steps: 3 },
      { id: "D", dependsOn: [], steps: 3 },
      { id: "E", dependsOn: [], steps: 3 },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ A: 1, B: 4, C: 7, D: 4, E: 7 });
  });

  it("counts each item's own pipeline: a longer pipeline goes first", () => {
    const ranks = queueRanks([
      { id: "short", dependsOn: [], steps: 2 },
      { id: "reviewed", dependsOn: [], steps: 5 },
      { id: "done", dependsOn: [], steps: 0 },
    ]);
    expect(ranks.get("reviewed")).toBe(1);
    expect(ranks.get("short")).toBe(4);
    expect(ranks.get("done")).toBe(6);
  });

  it("ignores dependencies outside the items and walks a 10,000-item chain", () => {
    const chain = Array.from({ length: 10_000 }, (_, index) => ({
      id: `T${index}`,
      dependsOn: index === 0 ? ["missing"] : [`T${index - 1}`],
      steps: 1,
    }));
    const ranks = queueRanks(chain);
    expect(ranks.get("T0")).toBe(1);
    expect(ranks.get("T9999")).toBe(10_000);
  });

  it("ends on a cycle instead of looping", () => {
    const ranks = queueRanks([
      { id: "A", dependsOn: ["B"], steps: 1 },
      { id: "B", dependsOn: ["A"], steps: 1 },
    ]);
    expect(ranks.size).toBe(2);
  });
});

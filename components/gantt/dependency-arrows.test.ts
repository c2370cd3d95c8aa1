import { describe, expect, it } from "vitest";
import { dependencyArrows } from "./dependency-arrows";
import { buildGanttModel } from "./model-builder";
import { run, t0 } from "./testing/run-fixture";

const model = buildGanttModel(run(), t0 + 8000);
// 1 px per ms from the run's start: easy numbers.
const x = (t: number) => t - t0;

describe("dependencyArrows", () => {
  it("draws an elbow from the dependency's end to the item's start", () => {
    expect(dependencyArrows(model, "WS2", x, 32)).toEqual([
      { from: "WS1", to: "WS2", points: "4000,48 4012,48 4012,112 5000,112" },
    ]);
  });

  it("also shows what depends on the item, using the other end when a bar is missing", () => {
    const arrows = dependencyArrows(model, "WS1", x, 32);
    expect(arrows.map((arrow) => `${arrow.from}->${arrow.to}`)).toEqual(["WS1->WS2", "WS1->WS3"]);
    // WS3 has not started: its end of the arrow sits at WS1's end.
    expect(arrows[1]?.points).toBe("4000,48 4006,48 4006,144 4000,144");
  });

  it("has nothing for an unknown key", () => {
    expect(dependencyArrows(model, "NOPE", x, 32)).toEqual([]);
  });
});

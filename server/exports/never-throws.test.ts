import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkpointToStates, toCheckpoint } from "./checkpoint";
import { ExportError } from "./errors";
import { failedRunSnapshot } from "./fixtures";
import { EXPORT_FORMATS, renderExport } from "./render";
import { toRunResult } from "./run-result";

/**
 * Step results are JSON the workers write and the engine keeps growing, and checkpoints come from
 * uploads: neither may make an export throw anything but a typed error.
 */
describe("hostile input", () => {
  it("renders every format whatever JSON the steps stored", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 4, maxLength: 4 }), (results) => {
        const snapshot = failedRunSnapshot();
        snapshot.stories.forEach((story, index) => {
          for (const step of story.steps) step.result = results[index];
        });
        for (const format of EXPORT_FORMATS.filter((f) => f !== "tasks")) {
          expect(typeof renderExport(snapshot, format).body).toBe("string");
        }
        for (const story of toRunResult(snapshot).results) {
          expect(
            story.filesModified === null || story.filesModified.every((f) => typeof f === "string"),
          ).toBe(true);
          expect([true, false, null]).toContain(story.testsPassed);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads any value as a checkpoint or refuses it with an ExportError", () => {
    const exported = toCheckpoint(failedRunSnapshot());
    const arbitraries = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      // A real checkpoint with one field replaced by anything.
      fc
        .tuple(fc.constantFrom(...Object.keys(exported)), fc.jsonValue())
        .map(([key, value]) => ({ ...exported, [key]: value })),
    );
    fc.assert(
      fc.property(arbitraries, (input) => {
        try {
          const states = checkpointToStates(input);
          for (const state of Object.values(states)) {
            expect(["pending", "in_progress", "done", "blocked"]).toContain(state);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ExportError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

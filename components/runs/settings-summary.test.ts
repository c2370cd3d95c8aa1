import { describe, expect, it } from "vitest";
import { settingsSummary } from "./settings-summary";

describe("settingsSummary", () => {
  it("names what differs from a plain run, in the form's words", () => {
    expect(
      settingsSummary(
        { approval: "automatic", strict: false, tdd: false, reviewers: true, concurrency: 3, batchSize: 5 },
        "eager",
      ),
    ).toBe("eager · approval automatic · lenient · no TDD · reviewers · 3 items at once · batches of 5");
    expect(
      settingsSummary({ approval: "required", strict: true, tdd: true, stopAfterWave: 0 }, "waves"),
    ).toBe("waves · approval between waves · stops after wave 1");
    expect(settingsSummary({ concurrency: 1 }, "waves")).toBe("waves · 1 item at once");
  });

  it("says nothing it does not know", () => {
    expect(settingsSummary(undefined, "sequential")).toBe("sequential");
    expect(settingsSummary({ concurrency: "many", approval: "sometimes" }, "waves")).toBe("waves");
  });
});

import { describe, expect, it } from "vitest";
import { projectSettingsSchema } from "./members";

describe("project settings: run defaults", () => {
  it("keeps exactly the defaults given, checked as a run's settings", () => {
    const parsed = projectSettingsSchema.parse({ runDefaults: { mode: "eager", concurrency: 4 } });
    expect(parsed.runDefaults).toEqual({ mode: "eager", concurrency: 4 });
  });

  it("refuses an out-of-range value or an unknown setting, naming it", () => {
    const tooMany = projectSettingsSchema.safeParse({ runDefaults: { concurrency: 50 } });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0]?.path).toEqual(["runDefaults", "concurrency"]);

    const typo = projectSettingsSchema.safeParse({ runDefaults: { concurency: 3 } });
    expect(typo.success).toBe(false);
    expect(JSON.stringify(typo.error?.issues)).toContain("concurency");
  });
});

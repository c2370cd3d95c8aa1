import { describe, expect, it } from "vitest";
import { toCsv } from "./coverage-csv";
import type { CoverageRow } from "./coverage-rows";

const row = (overrides: Partial<CoverageRow>): CoverageRow => ({
  key: "WS1",
  title: "Database layer",
  status: "succeeded",
  tests: 2,
  passed: 2,
  failed: 0,
  lines: 91.5,
  branches: 75,
  changedLines: 100,
  linesBelow: false,
  branchesBelow: false,
  ...overrides,
});

describe("toCsv", () => {
  it("writes a header and one line per row, empty cells for unmeasured values", () => {
    expect(toCsv([row({}), row({ key: "WS2", tests: null, passed: null, failed: null, lines: null })])).toBe(
      "item,title,status,tests,passed,failed,lines_pct,branches_pct,changed_lines_pct,lines_below_threshold,branches_below_threshold\r\n" +
        "WS1,Database layer,succeeded,2,2,0,91.5,75,100,false,false\r\n" +
        "WS2,Database layer,succeeded,,,,,75,100,false,false\r\n",
    );
  });

  it("quotes commas, quotes and line breaks", () => {
    const csv = toCsv([row({ title: 'Say "hi", then\nleave' })]);
    expect(csv.split("\r\n")[1]).toBe(
      'WS1,"Say ""hi"", then\nleave",succeeded,2,2,0,91.5,75,100,false,false',
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    const csv = toCsv([row({ title: '=HYPERLINK("http://x")' })]);
    expect(csv.split("\r\n")[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

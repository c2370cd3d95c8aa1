import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReportText } from "./report-files";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseReportText", () => {
  it.each([
    ["reports/unit.xml", fixture("jest-junit.xml"), "tests", "junit"],
    ["TEST-Cart.xml", fixture("surefire-TEST-com.example.CartTest.xml"), "tests", "junit"],
    ["reports/unit.xml", fixture("coverage-py.xml"), "coverage", "cobertura"],
    [
      "coverage/coverage-summary.json",
      '{"total":{"lines":{"total":1,"covered":1},"statements":{"total":1,"covered":1},"functions":{"total":0,"covered":0},"branches":{"total":0,"covered":0}}}',
      "coverage",
      "istanbul-summary",
    ],
    ["cov.json", '{"a.js":{"statementMap":{},"s":{},"b":{},"f":{}}}', "coverage", "istanbul-final"],
    ["coverage/lcov.info", "TN:\nSF:a.js\nDA:1,1\nend_of_record\n", "coverage", "lcov"],
    ["out.tap", "TAP version 13\nok 1 - a\n# tests 1\n# pass 1\n", "tests", "node-tap"],
    ["out.txt", "ℹ tests 1\nℹ pass 1\nℹ fail 0\n", "tests", "node-spec"],
  ])("recognises %s as %s/%s", (file, text, kind, format) => {
    const result = parseReportText(file, text);
    expect(result).toMatchObject({ ok: true, value: { kind, report: { format } } });
  });

  it("names the file and the problem when a report cannot be read", () => {
    expect(parseReportText("reports/x.xml", "<html><body/></html>")).toMatchObject({
      ok: false,
      error: { code: "invalid_format", file: "reports/x.xml", message: expect.stringContaining("<html>") },
    });
    expect(parseReportText("coverage/coverage-final.json", "{oops")).toMatchObject({
      ok: false,
      error: { code: "invalid_format", file: "coverage/coverage-final.json" },
    });
  });
});

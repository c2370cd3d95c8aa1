import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "./changed-lines";
import { parseCobertura } from "./cobertura";
import { parseIstanbulFinal, parseIstanbulSummary } from "./istanbul";
import { parseJUnitXml } from "./junit";
import { parseLcov } from "./lcov";
import { parseNodeTestOutput } from "./node-test";
import { parseReportText } from "./report-files";

const parsers: [string, (text: string) => { ok: boolean }][] = [
  ["parseJUnitXml", parseJUnitXml],
  ["parseCobertura", parseCobertura],
  ["parseIstanbulSummary", parseIstanbulSummary],
  ["parseIstanbulFinal", parseIstanbulFinal],
  ["parseLcov", parseLcov],
  ["parseNodeTestOutput", parseNodeTestOutput],
  ["parseUnifiedDiff", parseUnifiedDiff],
  ["parseReportText", (text) => parseReportText("report", text)],
];

/** Text that looks enough like each format to reach past the first checks. */
const reportish = fc.oneof(
  fc.string(),
  fc
    .array(
      fc.constantFrom(
        "<testsuites>",
        "<testsuite tests='x'>",
        "<testcase/>",
        "<failure>",
        "</testsuite>",
        "<coverage>",
        "<class filename='a'>",
        "<line number='-1' hits='x'/>",
        "</coverage>",
        "&amp;",
        "<!-- c -->",
      ),
    )
    .map((parts) => parts.join("")),
  fc
    .array(
      fc.constantFrom(
        "SF:a.js",
        "DA:1,x",
        "DA:-3,2",
        "BRDA:1,0,0,-",
        "FNDA:,",
        "LF:abc",
        "end_of_record",
        "ok 1 - a",
        "not ok",
        "# tests 3",
        "ℹ pass 2",
        "---",
        "  error: |-",
        "...",
        "+++ b/x",
        "@@ -1 +1,2 @@",
        "+x",
      ),
    )
    .map((lines) => lines.join("\n")),
  fc.json(),
);

describe("parsers on hostile input", () => {
  it.each(parsers)("%s returns a result and never throws", (_name, parse) => {
    fc.assert(
      fc.property(reportish, (text) => {
        const result = parse(text);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});

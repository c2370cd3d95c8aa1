import { describe, expect, it } from "vitest";
import { parseIstanbulFinal, parseIstanbulSummary } from "./istanbul";

const loc = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 10 } });

const FINAL = {
  "/repo/src/sign.js": {
    path: "/repo/src/sign.js",
    // Two statements on line 2: the line counts as hit because one of them ran.
    statementMap: { "0": loc(1), "1": loc(2), "2": loc(2), "3": loc(3), "4": loc(5) },
    s: { "0": 1, "1": 0, "2": 4, "3": 0, "4": 1 },
    fnMap: {
      "0": { name: "sign", decl: loc(1), loc: loc(1), line: 1 },
      "1": { name: "unused", decl: loc(5), loc: loc(5), line: 5 },
    },
    f: { "0": 3, "1": 0 },
    branchMap: { "0": { type: "if", line: 2, loc: loc(2), locations: [loc(2), loc(3)] } },
    b: { "0": [4, 0] },
  },
};

describe("parseIstanbulFinal", () => {
  it("computes line, statement, function and branch coverage like istanbul does", () => {
    const result = parseIstanbulFinal(JSON.stringify(FINAL), { rootDir: "/repo" });
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect(r.format).toBe("istanbul-final");
    expect(r.lines).toEqual({ covered: 3, total: 4, pct: 75 });
    expect(r.statements).toEqual({ covered: 3, total: 5, pct: 60 });
    expect(r.functions).toEqual({ covered: 1, total: 2, pct: 50 });
    expect(r.branches).toEqual({ covered: 1, total: 2, pct: 50 });
    expect(r.files["src/sign.js"]?.lineHits).toEqual({ 1: 1, 2: 4, 3: 0, 5: 1 });
  });

  it("floors percentages to two decimals and reports 100 when nothing is instrumented", () => {
    const file = {
      statementMap: { "0": loc(1), "1": loc(2), "2": loc(3) },
      s: { "0": 1, "1": 1, "2": 0 },
      f: {},
      b: {},
    };
    const result = parseIstanbulFinal(JSON.stringify({ "a.js": file }));
    expect(result).toMatchObject({
      ok: true,
      value: { lines: { pct: 66.66 }, functions: { total: 0, pct: 100 } },
    });
  });

  it("unwraps the older { data } form", () => {
    const result = parseIstanbulFinal(
      JSON.stringify({ "/repo/src/sign.js": { data: FINAL["/repo/src/sign.js"] } }),
    );
    expect(result).toMatchObject({ ok: true, value: { lines: { covered: 3, total: 4 } } });
  });

  it.each([
    ["invalid JSON", "{", "invalid_format"],
    ["an array", "[]", "invalid_format"],
    ["a summary file", '{"total":{"lines":{"total":1,"covered":1}}}', "invalid_format"],
    ["nothing", "  ", "empty_report"],
  ])("returns a typed error for %s", (_label, text, code) => {
    expect(parseIstanbulFinal(text, { file: "coverage-final.json" })).toMatchObject({
      ok: false,
      error: { code, file: "coverage-final.json" },
    });
  });
});

const SUMMARY = {
  total: {
    lines: { total: 7, covered: 5, skipped: 0, pct: 71.42 },
    statements: { total: 7, covered: 5, skipped: 0, pct: 71.42 },
    functions: { total: 3, covered: 2, skipped: 0, pct: 66.66 },
    branches: { total: 4, covered: 3, skipped: 0, pct: 75 },
    branchesTrue: { total: 0, covered: 0, skipped: 0, pct: "Unknown" },
  },
  "/repo/math.mjs": {
    lines: { total: 7, covered: 5, skipped: 0, pct: 71.42 },
    functions: { total: 3, covered: 2, skipped: 0, pct: 66.66 },
    statements: { total: 7, covered: 5, skipped: 0, pct: 71.42 },
    branches: { total: 4, covered: 3, skipped: 0, pct: 75 },
  },
};

describe("parseIstanbulSummary", () => {
  it("reads totals and per-file counts, without per-line data", () => {
    const result = parseIstanbulSummary(JSON.stringify(SUMMARY), { rootDir: "/repo" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.lines).toEqual({ covered: 5, total: 7, pct: 71.42 });
    expect(result.value.branches.pct).toBe(75);
    expect(result.value.files["math.mjs"]).toMatchObject({ lines: { covered: 5, total: 7 }, lineHits: null });
  });

  it("refuses a file without totals or with the wrong shape", () => {
    const noTotal = { "/repo/math.mjs": SUMMARY["/repo/math.mjs"] };
    expect(parseIstanbulSummary(JSON.stringify(noTotal))).toMatchObject({
      ok: false,
      error: { code: "invalid_format" },
    });
    expect(parseIstanbulSummary('{"total": {"lines": 5}}')).toMatchObject({
      ok: false,
      error: { code: "invalid_format" },
    });
  });
});

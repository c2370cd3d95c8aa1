import { describe, expect, it } from "vitest";
import { parseLcov } from "./lcov";

// As written by `node --test --test-reporter=lcov` (Node 20.20) for a two-file project.
const NODE_LCOV = `TN:
SF:math.mjs
FN:1,add
FN:2,sign
FN:7,unused
FNDA:2,add
FNDA:1,sign
FNDA:0,unused
FNF:3
FNH:2
BRDA:1,0,0,1
BRDA:3,3,0,0
BRDA:4,4,0,-
BRF:3
BRH:1
DA:1,1
DA:2,1
DA:3,1
DA:4,0
DA:5,0
LH:3
LF:5
end_of_record
SF:/work/p/lib/other.mjs
DA:1,0
LH:0
LF:1
end_of_record
`;

describe("parseLcov", () => {
  it("reads lines, functions and branches per file and in total", () => {
    const result = parseLcov(NODE_LCOV, { rootDir: "/work/p" });
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect(Object.keys(r.files)).toEqual(["math.mjs", "lib/other.mjs"]);
    expect(r.files["math.mjs"]).toMatchObject({
      lines: { covered: 3, total: 5 },
      functions: { covered: 2, total: 3 },
      branches: { covered: 1, total: 3 },
      lineHits: { 1: 1, 2: 1, 3: 1, 4: 0, 5: 0 },
    });
    expect(r.lines).toEqual({ covered: 3, total: 6, pct: 50 });
    expect(r.statements).toEqual(r.lines);
  });

  it("trusts the line records over a summary that claims more", () => {
    const result = parseLcov("SF:a.js\nDA:1,0\nDA:2,0\nLH:2\nLF:2\nend_of_record\n");
    expect(result).toMatchObject({ ok: true, value: { lines: { covered: 0, total: 2 } } });
  });

  it("uses the summary records when a writer left the details out", () => {
    const result = parseLcov("SF:a.js\nLF:10\nLH:4\nFNF:2\nFNH:1\nend_of_record\n");
    expect(result).toMatchObject({
      ok: true,
      value: {
        lines: { covered: 4, total: 10 },
        functions: { covered: 1, total: 2 },
        files: { "a.js": { lineHits: null } },
      },
    });
  });

  it("adds up hits when a file appears in several records", () => {
    const result = parseLcov("SF:a.js\nDA:1,0\nend_of_record\nSF:./a.js\nDA:1,2\nend_of_record\n");
    expect(result).toMatchObject({ ok: true, value: { files: { "a.js": { lineHits: { 1: 2 } } } } });
  });

  it.each([
    ["nothing", "", "empty_report"],
    ["records before SF", "DA:1,1\n", "invalid_format"],
    ["prose", "coverage looks great", "invalid_format"],
    ["no SF at all", "TN:\nend_of_record\n", "invalid_format"],
  ])("returns a typed error for %s", (_label, text, code) => {
    expect(parseLcov(text, { file: "lcov.info" })).toMatchObject({
      ok: false,
      error: { code, file: "lcov.info" },
    });
  });
});

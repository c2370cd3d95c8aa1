import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCobertura } from "./cobertura";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseCobertura", () => {
  it("reads coverage.py output, re-basing filenames on <source>", () => {
    const result = parseCobertura(fixture("coverage-py.xml"), { rootDir: "/repo" });
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect(Object.keys(r.files)).toEqual(["src/shop/cart.py"]);
    expect(r.lines).toEqual({ covered: 4, total: 6, pct: 66.66 });
    expect(r.branches).toEqual({ covered: 1, total: 4, pct: 25 });
    expect(r.files["src/shop/cart.py"]?.lineHits).toEqual({ 1: 1, 2: 1, 4: 1, 5: 1, 6: 0, 8: 0 });
  });

  it("counts methods as functions and merges classes of one file", () => {
    const xml = `<coverage><sources><source>/p</source></sources><packages><package name="m"><classes>
      <class name="A" filename="a.js"><methods>
        <method name="used" hits="2"><lines><line number="1" hits="2"/></lines></method>
        <method name="unused" hits="0"><lines><line number="5" hits="0"/></lines></method>
      </methods><lines><line number="1" hits="2"/><line number="5" hits="0"/></lines></class>
      <class name="A$Inner" filename="a.js"><methods/><lines><line number="9" hits="1"/></lines></class>
    </classes></package></packages></coverage>`;
    const result = parseCobertura(xml, { rootDir: "/p" });
    expect(result).toMatchObject({
      ok: true,
      value: {
        functions: { covered: 1, total: 2, pct: 50 },
        lines: { covered: 2, total: 3 },
        files: { "a.js": { lineHits: { 1: 2, 5: 0, 9: 1 } } },
      },
    });
  });

  it("falls back to the root totals when no classes are listed", () => {
    const xml =
      '<coverage lines-valid="10" lines-covered="7" branches-valid="2" branches-covered="1"><packages/></coverage>';
    expect(parseCobertura(xml)).toMatchObject({
      ok: true,
      value: { lines: { covered: 7, total: 10, pct: 70 }, branches: { pct: 50 }, files: {} },
    });
  });

  it.each([
    ["JUnit", "<testsuites/>", "invalid_format"],
    ["broken XML", "<coverage><packages>", "invalid_format"],
    ["an empty report", "<coverage><packages/></coverage>", "empty_report"],
  ])("returns a typed error for %s", (_label, text, code) => {
    expect(parseCobertura(text, { file: "c.xml" })).toMatchObject({
      ok: false,
      error: { code, file: "c.xml" },
    });
  });
});

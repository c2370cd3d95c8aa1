import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJUnitXml } from "./junit";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("parseJUnitXml", () => {
  it("reads a Surefire file (bare <testsuite>, failure, error, skipped, comma in time)", () => {
    const result = parseJUnitXml(fixture("surefire-TEST-com.example.CartTest.xml"), {
      file: "TEST-Cart.xml",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.value;
    expect([r.tests, r.passed, r.failed, r.skipped]).toEqual([4, 1, 2, 1]);
    expect(r.durationMs).toBe(1_234_500);
    expect(r.cases.find((c) => c.name === "removesItem")).toMatchObject({
      status: "failed",
      message: "AssertionFailedError: expected: <1> but was: <2>",
    });
    expect(r.cases.find((c) => c.name === "totals")?.message).toBe(
      'NullPointerException: Cannot invoke "Cart.total()" because "cart" is null',
    );
    expect(r.cases.find((c) => c.name === "discounts")).toMatchObject({
      status: "skipped",
      message: "not yet",
    });
  });

  it("reads jest-junit (failure as text only, file attribute)", () => {
    const result = parseJUnitXml(fixture("jest-junit.xml"));
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect([r.tests, r.passed, r.failed, r.skipped]).toEqual([3, 1, 1, 1]);
    expect(r.durationMs).toBe(1520);
    const failed = r.cases.find((c) => c.status === "failed");
    expect(failed).toMatchObject({ name: "cart computes the total", file: "src/cart.test.ts" });
    expect(failed?.message).toContain("Expected: 30");
    expect(failed?.message).not.toContain("at Object");
  });

  it("reads Node's layout: top-level testcases and suites nested in suites", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testcase name="top" time="0.1" classname="test"/>
  <testsuite name="outer" tests="2"><testsuite name="inner" tests="2">
    <testcase name="deep" time="0.1" classname="test"/>
    <testcase name="broken" time="0.1" classname="test" failure="boom"><failure type="testCodeFailure" message="boom">stack</failure></testcase>
  </testsuite></testsuite>
  <!-- tests 3 -->
</testsuites>`;
    const result = parseJUnitXml(xml);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.cases.map((c) => `${c.name}:${c.status}`)).toEqual([
      "top:passed",
      "deep:passed",
      "broken:failed",
    ]);
    expect(result.value.cases[2]?.message).toBe("boom");
  });

  it("accepts a report with no tests at all as zero tests, so the judge can say none ran", () => {
    const result = parseJUnitXml('<testsuites name="vitest tests" tests="0"></testsuites>');
    expect(result).toMatchObject({ ok: true, value: { tests: 0, cases: [] } });
  });

  it("refuses counts it cannot check", () => {
    const result = parseJUnitXml('<testsuite name="x" tests="12" failures="0"></testsuite>', {
      file: "j.xml",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_format", file: "j.xml" } });
  });

  it.each([
    ["empty", "", "empty_report"],
    ["broken XML", "<testsuites><testsuite>", "invalid_format"],
    ["another XML format", "<coverage/>", "invalid_format"],
    ["not XML", "all tests passed!", "invalid_format"],
  ])("returns a typed error for %s", (_label, text, code) => {
    const result = parseJUnitXml(text, { file: "r.xml" });
    expect(result).toMatchObject({ ok: false, error: { code, file: "r.xml" } });
  });
});

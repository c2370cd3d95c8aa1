import { readFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedLinesCoverage } from "./changed-lines";
import { parseCobertura } from "./cobertura";
import {
  BIN_DIR,
  createSampleProject,
  MATH_SOURCE,
  NODE_TESTS,
  type SampleProject,
  TOOL_ENV,
  VITEST_TESTS,
} from "./fixtures/sample-project";
import { parseIstanbulFinal, parseIstanbulSummary } from "./istanbul";
import { parseJUnitXml } from "./junit";
import { parseLcov } from "./lcov";
import { parseNodeSpec, parseNodeTap } from "./node-test";
import type { CoverageReport, Result, TestReport } from "./types";

/**
 * Every parser against output the real tools wrote during this test: hand-written fixtures only
 * prove we read what we imagined the tools write.
 */

let project: SampleProject;

async function run(
  command: string,
  args: string[],
): Promise<{ exitCode: number | undefined; stdout: string }> {
  const result = await execa(command, args, {
    cwd: project.dir,
    env: TOOL_ENV,
    extendEnv: false,
    reject: false,
  });
  return { exitCode: result.exitCode, stdout: result.stdout };
}

const read = (relative: string) => readFile(path.join(project.dir, relative), "utf8");

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} (${result.error.file})`);
  return result.value;
}

/** One failing, two passing, one skipped: what every test-report parser must find. */
function expectSampleCounts(report: TestReport): void {
  expect({
    tests: report.tests,
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
  }).toEqual({
    tests: 4,
    passed: 2,
    failed: 1,
    skipped: 1,
  });
}

beforeAll(async () => {
  project = await createSampleProject({
    "src/math.mjs": MATH_SOURCE,
    "test/math.test.mjs": NODE_TESTS,
    "vitest/math.test.mjs": VITEST_TESTS,
  });
});

afterAll(async () => {
  await project.remove();
});

describe("node --test", () => {
  it("TAP reporter output parses to the run's counts, with the failing test named", async () => {
    const { exitCode, stdout } = await run("node", ["--test", "--test-reporter=tap", "test/"]);
    expect(exitCode).toBe(1);
    const report = value(parseNodeTap(stdout, { rootDir: project.dir }));
    expectSampleCounts(report);
    expect(report.cases.find((c) => c.status === "failed")).toMatchObject({
      name: "fails on purpose",
      file: "test/math.test.mjs",
      message: expect.stringContaining("2 !== 3"),
    });
  });

  it("spec reporter output parses to the same counts", async () => {
    const { stdout } = await run("node", ["--test", "--test-reporter=spec", "test/"]);
    const report = value(parseNodeSpec(stdout, { rootDir: project.dir }));
    expectSampleCounts(report);
    expect(report.cases.map((c) => c.name)).toEqual(["fails on purpose"]);
  });

  it("junit reporter file parses to the same counts", async () => {
    // Node does not create the destination directory, so reports go to the project root.
    await run("node", [
      "--test",
      "--test-reporter=junit",
      "--test-reporter-destination=node-junit.xml",
      "test/",
    ]);
    const report = value(parseJUnitXml(await read("node-junit.xml"), { file: "node-junit.xml" }));
    expectSampleCounts(report);
    expect(report.cases.find((c) => c.status === "failed")?.message).toContain("2 !== 3");
  });

  it("lcov reporter file shows the uncovered lines of the module", async () => {
    await run("node", [
      "--test",
      "--experimental-test-coverage",
      "--test-reporter=lcov",
      "--test-reporter-destination=node.lcov.info",
      "test/",
    ]);
    const coverage = value(parseLcov(await read("node.lcov.info"), { rootDir: project.dir }));
    const math = coverage.files["src/math.mjs"];
    expect(math?.lineHits?.[6]).toBe(0); // `if (n < 0) return -1;` never runs: only sign(5) is tested.
    expect(math?.lineHits?.[2]).toBeGreaterThan(0);
    expect(math?.functions).toEqual({ covered: 2, total: 3 });
    expect(coverage.lines.pct).toBeGreaterThan(0);
    expect(coverage.lines.pct).toBeLessThan(100);
  });
});

describe("c8 around node --test", () => {
  const reports: Partial<Record<"summary" | "final" | "cobertura" | "lcov", CoverageReport>> = {};

  beforeAll(async () => {
    await run(path.join(BIN_DIR, "c8"), [
      "--reporter=json-summary",
      "--reporter=json",
      "--reporter=cobertura",
      "--reporter=lcov",
      "--reports-dir=coverage-c8",
      "--include=src/**",
      "node",
      "--test",
      "test/",
    ]);
    const options = { rootDir: project.dir };
    reports.summary = value(parseIstanbulSummary(await read("coverage-c8/coverage-summary.json"), options));
    reports.final = value(parseIstanbulFinal(await read("coverage-c8/coverage-final.json"), options));
    reports.cobertura = value(parseCobertura(await read("coverage-c8/cobertura-coverage.xml"), options));
    reports.lcov = value(parseLcov(await read("coverage-c8/lcov.info"), options));
  });

  it("every format names the module by its workspace path", () => {
    for (const report of Object.values(reports)) expect(Object.keys(report.files)).toEqual(["src/math.mjs"]);
  });

  it("our arithmetic on coverage-final.json matches the summary c8 computed itself", () => {
    const { summary, final } = reports;
    for (const key of ["lines", "branches", "functions", "statements"] as const) {
      expect(final?.[key], key).toEqual(summary?.[key]);
    }
    expect(summary?.lines.pct).toBeLessThan(100);
  });

  it("lcov and Cobertura agree with the summary on lines and branches", () => {
    for (const report of [reports.lcov, reports.cobertura]) {
      expect(report?.lines).toEqual(reports.summary?.lines);
      expect(report?.branches).toEqual(reports.summary?.branches);
    }
    expect(reports.lcov?.functions).toEqual(reports.summary?.functions);
  });

  it("changed-lines coverage separates a tested change from an untested one", () => {
    const final = reports.final;
    if (!final) throw new Error("no coverage-final.json");
    // Line 5 (positive sign) is tested, line 6 (negative sign) is not.
    const result = changedLinesCoverage(final, { "src/math.mjs": [5, 6] });
    expect(result).toMatchObject({ covered: 1, total: 2, pct: 50 });
    expect(result.files["src/math.mjs"]).toMatchObject({ coveredLines: [5], uncoveredLines: [6] });
  });
});

describe("vitest with @vitest/coverage-v8", () => {
  it("its JUnit and coverage reports parse, and the formats agree", async () => {
    const { exitCode } = await run(path.join(BIN_DIR, "vitest"), [
      "run",
      "vitest/",
      "--root=.",
      "--reporter=junit",
      "--outputFile.junit=reports/vitest-junit.xml",
      "--coverage.enabled",
      "--coverage.provider=v8",
      "--coverage.reportOnFailure",
      "--coverage.include=src/**",
      "--coverage.reportsDirectory=coverage-vitest",
      "--coverage.reporter=json-summary",
      "--coverage.reporter=json",
      "--coverage.reporter=lcov",
      "--coverage.reporter=cobertura",
    ]);
    expect(exitCode).toBe(1);
    const junit = value(parseJUnitXml(await read("reports/vitest-junit.xml")));
    expectSampleCounts(junit);
    expect(junit.cases.find((c) => c.status === "failed")).toMatchObject({
      name: "math > fails on purpose",
      message: expect.stringContaining("expected 2 to be 3"),
    });

    const options = { rootDir: project.dir };
    const summary = value(parseIstanbulSummary(await read("coverage-vitest/coverage-summary.json"), options));
    const final = value(parseIstanbulFinal(await read("coverage-vitest/coverage-final.json"), options));
    const lcov = value(parseLcov(await read("coverage-vitest/lcov.info"), options));
    const cobertura = value(parseCobertura(await read("coverage-vitest/cobertura-coverage.xml"), options));
    for (const key of ["lines", "branches", "functions", "statements"] as const) {
      expect(final[key], key).toEqual(summary[key]);
    }
    expect(lcov.lines).toEqual(summary.lines);
    expect(cobertura.lines).toEqual(summary.lines);
    expect(summary.functions).toMatchObject({ covered: 2, total: 3 });
    expect(final.files["src/math.mjs"]?.lineHits?.[6]).toBe(0);
  });
});

import { normaliseSourcePath, toCount } from "./coverage-totals";
import { stripAnsi, summariseMessage } from "./test-counts";
import type { ParseOptions, Result, TestCase, TestReport } from "./types";
import { fail, ok } from "./types";

/**
 * The Node test runner's console output: TAP (`--test-reporter=tap`, also the default when stdout is
 * not a terminal on Node 20) or the spec reporter's summary (`ℹ tests 5`, `ℹ pass 4`, ...).
 * Picks the form from the text itself, because the test command is the project's and we only see
 * what it printed.
 */
export function parseNodeTestOutput(text: string, options: ParseOptions = {}): Result<TestReport> {
  const clean = stripAnsi(text);
  // The spec summary is decisive: TAP prefixes whatever a test prints with "# ", so "ℹ tests" at
  // the start of a line only comes from the spec reporter, while a stray "ok 1" could come from a test.
  if (/^ℹ tests \d+/m.test(clean)) return parseNodeSpec(clean, options);
  if (/^\s*TAP version \d+/m.test(clean) || /^\s*(?:not )?ok \d+\b/m.test(clean)) {
    return parseNodeTap(clean, options);
  }
  return parseNodeSpec(clean, options);
}

type SummaryKey = "tests" | "pass" | "fail" | "cancelled" | "skipped" | "todo" | "duration_ms";
const SUMMARY_KEYS = new Set<string>([
  "tests",
  "pass",
  "fail",
  "cancelled",
  "skipped",
  "todo",
  "duration_ms",
]);

/**
 * Reads the runner's closing summary. The last value of each key wins: a test printing
 * "# pass 99" to stdout shows up earlier as a diagnostic, the runner's own summary always comes last.
 */
function readSummary(lines: string[], prefix: "#" | "ℹ"): Partial<Record<SummaryKey, number>> {
  const summary: Partial<Record<SummaryKey, number>> = {};
  for (const line of lines) {
    if (!line.startsWith(prefix)) continue;
    const match = /^\S+\s+([a-z_]+)\s+([\d.]+)\s*$/.exec(line);
    if (!match?.[1] || !SUMMARY_KEYS.has(match[1])) continue;
    const value = toCount(match[2]);
    if (value !== undefined) summary[match[1] as SummaryKey] = value;
  }
  return summary;
}

/** Counts from the summary when the runner printed one (it knows about tests that never reported), else from the cases. */
function buildReport(
  format: TestReport["format"],
  summary: Partial<Record<SummaryKey, number>>,
  cases: TestCase[],
): TestReport {
  const report: TestReport =
    summary.tests !== undefined
      ? {
          format,
          tests: summary.tests,
          passed: summary.pass ?? 0,
          failed: (summary.fail ?? 0) + (summary.cancelled ?? 0),
          skipped: (summary.skipped ?? 0) + (summary.todo ?? 0),
          cases,
        }
      : {
          format,
          tests: cases.length,
          passed: cases.filter((c) => c.status === "passed").length,
          failed: cases.filter((c) => c.status === "failed").length,
          skipped: cases.filter((c) => c.status === "skipped").length,
          cases,
        };
  if (summary.duration_ms !== undefined) report.durationMs = Math.round(summary.duration_ms);
  return report;
}

const TEST_POINT = /^(\s*)(not ok|ok)\b(?:\s+\d+)?(?:\s*-)?\s?(.*)$/;
/** A directive starts at a `#` the runner did not escape (Node writes a `#` in a test name as `\#`). */
const DIRECTIVE = /^(.*?)(?<!\\)#\s*(SKIP|TODO)\b\s*(.*)$/i;

export function parseNodeTap(text: string, options: ParseOptions = {}): Result<TestReport> {
  const file = options.file ?? null;
  const lines = stripAnsi(text).split(/\r?\n/);
  const cases: TestCase[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = TEST_POINT.exec(lines[i] ?? "");
    if (!match) continue;
    const indent = match[1]?.length ?? 0;
    const failed = match[2] === "not ok";
    let description = match[3] ?? "";
    let directive: string | undefined;
    let reason = "";
    const d = DIRECTIVE.exec(description);
    if (d) {
      description = d[1] ?? "";
      directive = d[2]?.toUpperCase();
      reason = d[3] ?? "";
    }
    const block = readYamlBlock(lines, i + 1, indent);
    // An error message inside the block may itself contain "ok 1": skip the block's lines.
    if (block.end !== undefined) i = block.end;
    // Suites (`describe`) report as test points too, but the runner does not count them as tests.
    if (block.type === "suite") continue;
    const name = description.trim().replaceAll("\\#", "#").replaceAll("\\\\", "\\") || "(unnamed test)";
    const testCase: TestCase = { name, status: directive ? "skipped" : failed ? "failed" : "passed" };
    if (block.location) testCase.file = normaliseSourcePath(block.location, options.rootDir);
    const message = testCase.status === "failed" ? block.error : reason;
    if (message) testCase.message = summariseMessage(message);
    cases.push(testCase);
  }
  const summary = readSummary(lines, "#");
  if (cases.length === 0 && summary.tests === undefined) {
    return fail("empty_report", "no TAP test points and no `# tests` summary in the output", file);
  }
  return ok(buildReport("node-tap", summary, cases));
}

interface YamlBlock {
  /** Index of the block's closing `...` line, when there was a block. */
  end?: number;
  type?: string;
  error?: string;
  location?: string;
}

/** Reads the few keys we need from the YAML diagnostics block Node prints under a test point. */
function readYamlBlock(lines: string[], start: number, pointIndent: number): YamlBlock {
  const block: YamlBlock = {};
  const opening = lines[start];
  if (opening === undefined || opening.trim() !== "---" || indentOf(opening) <= pointIndent) return block;
  const keyIndent = indentOf(opening);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "..." && indentOf(line) === keyIndent) {
      block.end = i;
      break;
    }
    // An unterminated block ends where the indentation falls back: never scan the rest of the output.
    if (line.trim() !== "" && indentOf(line) <= pointIndent) break;
    if (indentOf(line) !== keyIndent) continue;
    const kv = /^\s*([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (!kv?.[1]) continue;
    const key = kv[1];
    if (key !== "type" && key !== "error" && key !== "location") continue;
    let value = kv[2] ?? "";
    if (value.startsWith("|")) {
      const body: string[] = [];
      for (
        let j = i + 1;
        j < lines.length && (indentOf(lines[j] ?? "") > keyIndent || lines[j]?.trim() === "");
        j++
      ) {
        body.push((lines[j] ?? "").trim());
      }
      value = body.join("\n");
    } else {
      value = value
        .replace(/^'(.*)'$/, "$1")
        .replace(/^"(.*)"$/, "$1")
        .replaceAll("''", "'");
    }
    if (key === "location") value = value.replace(/:\d+:\d+$/, "");
    block[key] = value;
  }
  return block;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * The spec reporter prints `✔`/`✖` per test, the `ℹ` summary, and a closing "failing tests" section.
 * Counts come from the summary; failed cases from that section so a PM sees which tests failed.
 */
export function parseNodeSpec(text: string, options: ParseOptions = {}): Result<TestReport> {
  const file = options.file ?? null;
  const lines = stripAnsi(text).split(/\r?\n/);
  const summary = readSummary(lines, "ℹ");
  if (summary.tests === undefined) {
    return fail(
      "empty_report",
      "no Node test runner summary (`ℹ tests N` or `# tests N`) in the output",
      file,
    );
  }
  const cases: TestCase[] = [];
  const section = lines.findIndex((l) => /^✖ failing tests:\s*$/.test(l));
  if (section >= 0) {
    let location: string | undefined;
    for (let i = section + 1; i < lines.length; i++) {
      const line = lines[i] ?? "";
      const at = /^test at (.+):\d+:\d+\s*$/.exec(line);
      if (at?.[1]) {
        location = at[1];
        continue;
      }
      const failed = /^✖ (.+?)(?: \([\d.]+m?s\))?\s*$/.exec(line);
      if (!failed?.[1]) continue;
      const testCase: TestCase = { name: failed[1], status: "failed" };
      if (location) testCase.file = normaliseSourcePath(location, options.rootDir);
      const message = lines.slice(i + 1).find((l) => l.trim() !== "");
      if (message && /^\s/.test(message)) testCase.message = summariseMessage(message);
      cases.push(testCase);
      location = undefined;
    }
  }
  return ok(buildReport("node-spec", summary, cases));
}

import type { TestReport } from "./types";

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are control characters by definition.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Test runners colour their output when they think a human is watching; colour codes are noise to a parser. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

const MESSAGE_LIMIT = 500;

/**
 * The first meaningful lines of a failure, capped: the approval prompt shows why a test failed, not
 * a 200-line stack trace.
 */
export function summariseMessage(message: string): string {
  const lines = stripAnsi(message)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("at "));
  const text = lines.slice(0, 3).join(" ");
  return text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text;
}

/**
 * Merges reports of one run (e.g. Surefire writes one XML file per test class). The merged report
 * keeps the first report's format; durations add up.
 */
export function mergeTestReports(reports: TestReport[]): TestReport | undefined {
  const [first, ...rest] = reports;
  if (!first) return undefined;
  const merged: TestReport = { ...first, cases: [...first.cases] };
  for (const report of rest) {
    merged.tests += report.tests;
    merged.passed += report.passed;
    merged.failed += report.failed;
    merged.skipped += report.skipped;
    merged.cases.push(...report.cases);
    if (report.durationMs !== undefined) merged.durationMs = (merged.durationMs ?? 0) + report.durationMs;
  }
  return merged;
}

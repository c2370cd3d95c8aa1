/**
 * The shapes evidence is made of. Everything here is plain data so it can be stored per item
 * and per attempt as JSON and shown by the dashboard and the approval prompt as-is.
 */

export type EvidenceErrorCode =
  /** The file does not exist (or vanished while we read it). */
  | "not_found"
  /** The file exists but could not be read (permissions, a directory, too large). */
  | "unreadable"
  /** The content is not the format the parser expects (broken XML, invalid JSON, wrong shape). */
  | "invalid_format"
  /** The content is well-formed but carries nothing to count, e.g. a JUnit file without a test suite. */
  | "empty_report"
  /** A path from a spec or an agent points outside the workspace. */
  | "outside_workspace";

export interface EvidenceError {
  code: EvidenceErrorCode;
  message: string;
  /** The file the error is about, as given by the caller; null for inline text. */
  file: string | null;
}

/** Parsers never throw on bad input: they return this instead, so one broken report cannot sink a verification. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: EvidenceError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(code: EvidenceErrorCode, message: string, file: string | null): Result<T> {
  return { ok: false, error: { code, message, file } };
}

/** Options every parser accepts. */
export interface ParseOptions {
  /** Where the text came from; echoed in errors. */
  file?: string;
  /**
   * Absolute directory that source paths inside the report are made relative to, so coverage keys
   * line up with `git diff` paths. Paths outside it are kept absolute.
   */
  rootDir?: string;
}

export type TestStatus = "passed" | "failed" | "skipped";

export interface TestCase {
  name: string;
  file?: string;
  status: TestStatus;
  /** First line(s) of the failure or skip reason, for a PM-readable summary. */
  message?: string;
}

export type TestReportFormat = "junit" | "node-tap" | "node-spec";

export interface TestReport {
  format: TestReportFormat;
  tests: number;
  passed: number;
  /** Failures, errors and cancelled tests: none of them is a pass. */
  failed: number;
  /** Skipped and todo tests. */
  skipped: number;
  durationMs?: number;
  cases: TestCase[];
}

export interface CoverageCount {
  covered: number;
  total: number;
}

export interface CoverageMetric extends CoverageCount {
  pct: number;
}

export interface FileCoverage {
  lines: CoverageCount;
  branches: CoverageCount;
  functions: CoverageCount;
  statements: CoverageCount;
  /**
   * Hits per instrumented line (1-based). Null when the format does not carry per-line data
   * (Istanbul's summary): changed-lines coverage then reports the file as unknown rather than covered.
   */
  lineHits: Record<number, number> | null;
}

export type CoverageReportFormat = "istanbul-summary" | "istanbul-final" | "lcov" | "cobertura";

export interface CoverageReport {
  format: CoverageReportFormat;
  lines: CoverageMetric;
  branches: CoverageMetric;
  functions: CoverageMetric;
  statements: CoverageMetric;
  files: Record<string, FileCoverage>;
}

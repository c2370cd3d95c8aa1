import { type ChangedLines, type ChangedLinesCoverage, changedLinesCoverage } from "./changed-lines";
import { parseNodeTestOutput } from "./node-test";
import {
  DEFAULT_REPORT_PATHS,
  type ParsedReport,
  type ReportRecord,
  readFreshReports,
  snapshotReports,
} from "./report-files";
import { defaultTestPath, runTestCommand, type TestCommand } from "./test-command";
import { mergeTestReports } from "./test-counts";
import type { CoverageReport, TestReport } from "./types";
import { checkWorkspacePaths, type PathCheck, resolveInWorkspace } from "./workspace-paths";

export interface CollectEvidenceInput {
  /** Absolute path of the item's workspace (its worktree). */
  workspaceDir: string;
  testCommand: TestCommand;
  /** Report files or directories relative to the workspace; defaults to where common tools write them. */
  reportPaths?: readonly string[];
  /** Paths the spec says the item must produce, relative to the workspace. */
  expectedOutputs: readonly string[];
  /** Files the agent says it wrote; checked like expected outputs so `judgeEvidence` can catch false claims. */
  claimedFiles?: readonly string[];
  /** Lines the item changed (from `parseUnifiedDiff`), to measure their coverage. */
  changedLines?: ChangedLines;
  timeoutMs: number;
  /** The test command's whole environment (merged over a minimal PATH, CI=1 and NO_COLOR=1). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Characters of output kept in the evidence; default 16,384. */
  outputTailChars?: number;
}

export interface Evidence {
  workspaceDir: string;
  command: TestCommand;
  startedAt: string;
  durationMs: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the test command did not start, when it did not. */
  spawnError: string | null;
  outputTail: string;
  /** Test results, from report files or, failing those, from the runner's output. Null when nothing said what ran. */
  tests: TestReport | null;
  /** Where `tests` came from: report paths, or "output". */
  testsSource: string[];
  /** The most detailed coverage report the run produced; null when none. */
  coverage: CoverageReport | null;
  coverageSource: string | null;
  /** Coverage of the lines the item changed; null without coverage or without `changedLines`. */
  changedLinesCoverage: ChangedLinesCoverage | null;
  /** Every report path looked at, and what became of it (parsed, missing, stale, error). */
  reports: ReportRecord[];
  outputs: PathCheck[];
  claimedFiles: PathCheck[];
}

const DEFAULT_TAIL = 16_384;
/** Most detailed first: only the final form and line-based formats can say which changed lines ran. */
const COVERAGE_PREFERENCE: CoverageReport["format"][] = [
  "istanbul-final",
  "lcov",
  "cobertura",
  "istanbul-summary",
];

/**
 * Runs an item's test command in its workspace and gathers what it proves. Never throws for
 * anything the project, the spec or the agent can cause: a missing runner, a broken report or an
 * escaping path all end up in the evidence for `judgeEvidence` to weigh.
 */
export async function collectEvidence(input: CollectEvidenceInput): Promise<Evidence> {
  const reportPaths = input.reportPaths ?? DEFAULT_REPORT_PATHS;
  const startedAt = new Date().toISOString();
  const workspace = await resolveInWorkspace(input.workspaceDir, ".");
  const before = workspace.ok
    ? await snapshotReports(input.workspaceDir, reportPaths)
    : new Map<string, string>();

  const run = workspace.ok
    ? await runTestCommand(input.testCommand, {
        cwd: workspace.absolute,
        timeoutMs: input.timeoutMs,
        env: { PATH: defaultTestPath(), CI: "1", NO_COLOR: "1", ...input.env },
        ...(input.signal ? { signal: input.signal } : {}),
      })
    : undefined;

  const collected = workspace.ok
    ? // Default locations that do not exist are noise; paths the caller named are reported missing.
      await readFreshReports(input.workspaceDir, reportPaths, before, {
        recordMissing: input.reportPaths !== undefined,
      })
    : { records: [], parsed: [] };
  const testReports = collected.parsed.filter(
    (p): p is { path: string; value: Extract<ParsedReport, { kind: "tests" }> } => p.value.kind === "tests",
  );
  let tests = mergeTestReports(testReports.map((p) => p.value.report)) ?? null;
  let testsSource = testReports.map((p) => p.path);
  if (!tests && run && run.output.trim() !== "") {
    // No report file: the Node test runner's own output (TAP or spec) is the next best witness.
    const fromOutput = parseNodeTestOutput(run.output, {
      file: "output",
      rootDir: workspace.ok ? workspace.absolute : input.workspaceDir,
    });
    if (fromOutput.ok) {
      tests = fromOutput.value;
      testsSource = ["output"];
    }
  }

  const coverageReports = collected.parsed.flatMap((p) =>
    p.value.kind === "coverage" ? [{ path: p.path, report: p.value.report }] : [],
  );
  coverageReports.sort(
    (a, b) => COVERAGE_PREFERENCE.indexOf(a.report.format) - COVERAGE_PREFERENCE.indexOf(b.report.format),
  );
  const bestCoverage = coverageReports[0];

  const tailChars = input.outputTailChars ?? DEFAULT_TAIL;
  return {
    workspaceDir: input.workspaceDir,
    command: { command: input.testCommand.command, args: [...input.testCommand.args] },
    startedAt,
    durationMs: run?.durationMs ?? 0,
    exitCode: run?.exitCode ?? null,
    signal: run?.signal ?? null,
    timedOut: run?.timedOut ?? false,
    cancelled: run?.cancelled ?? false,
    spawnError: run ? run.spawnError : workspace.ok ? null : workspace.error.message,
    outputTail: run ? run.output.slice(-tailChars) : "",
    tests,
    testsSource,
    coverage: bestCoverage?.report ?? null,
    coverageSource: bestCoverage?.path ?? null,
    changedLinesCoverage:
      bestCoverage && input.changedLines
        ? changedLinesCoverage(bestCoverage.report, input.changedLines)
        : null,
    reports: collected.records,
    outputs: await checkWorkspacePaths(input.workspaceDir, [...input.expectedOutputs]),
    claimedFiles: await checkWorkspacePaths(input.workspaceDir, [...(input.claimedFiles ?? [])]),
  };
}

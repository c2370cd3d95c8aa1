/**
 * Evidence: what Specwave looks at before it calls an item done. Parsers for the report formats
 * test tools write, coverage of changed lines, running an item's test command, and the verdict.
 */
export {
  type ChangedFileCoverage,
  type ChangedFileStatus,
  type ChangedLines,
  type ChangedLinesCoverage,
  changedLinesCoverage,
  parseUnifiedDiff,
} from "./changed-lines";
export { parseCobertura } from "./cobertura";
export { type CollectEvidenceInput, collectEvidence, type Evidence } from "./collect";
export { percent } from "./coverage-totals";
export { parseIstanbulFinal, parseIstanbulSummary } from "./istanbul";
export { type JudgeOptions, judgeEvidence, type Verdict } from "./judge";
export { parseJUnitXml } from "./junit";
export { parseLcov } from "./lcov";
export { parseNodeSpec, parseNodeTap, parseNodeTestOutput } from "./node-test";
export {
  DEFAULT_REPORT_PATHS,
  type ParsedReport,
  parseReportText,
  type ReportRecord,
  type ReportStatus,
} from "./report-files";
export { runTestCommand, type TestCommand, type TestRun, type TestRunOptions } from "./test-command";
export { mergeTestReports } from "./test-counts";
export type * from "./types";
export { fail, ok } from "./types";
export { checkWorkspacePaths, type PathCheck, type PathStatus, resolveInWorkspace } from "./workspace-paths";

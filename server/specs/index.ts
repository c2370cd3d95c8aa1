/**
 * Spec ingestion: reads the specs teams write for AI coding agents (EXEC-SPEC, layered task
 * lists, story sets, spec-workflow/Kiro and spec-kit task lists, free-form specs) into one
 * normalised shape the planner turns into waves. Pure: no database, no framework, never throws.
 */
export { DEFAULT_AGENT_KEYWORDS } from "./agent-keywords";
export { detectFormat } from "./detect-format";
export { SPEC_ISSUE_CODES, type SpecIssueCode } from "./issue-codes";
export { parseSpec } from "./parse-spec";
export type {
  ItemState,
  ParsedSpec,
  ParseOptions,
  ParseResult,
  PlanItem,
  SpecFile,
  SpecFormat,
  SpecIssue,
  SpecPhase,
  SupportingDocument,
} from "./types";
export { SPEC_FORMATS } from "./types";

import type { SpecIssue } from "./types";

/** Collects the errors and warnings of one parse so parsers never have to throw. */
export class IssueLog {
  readonly errors: SpecIssue[] = [];
  readonly warnings: SpecIssue[] = [];

  error(code: string, file: string, line: number, message: string, column?: number): void {
    this.errors.push(makeIssue(code, "error", file, line, message, column));
  }

  warn(code: string, file: string, line: number, message: string, column?: number): void {
    this.warnings.push(makeIssue(code, "warning", file, line, message, column));
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }
}

export function makeIssue(
  code: string,
  severity: SpecIssue["severity"],
  file: string,
  line: number,
  message: string,
  column?: number,
): SpecIssue {
  const issue: SpecIssue = { code, severity, message, file, line };
  if (column !== undefined) issue.column = column;
  return issue;
}

/** Thrown only inside a parser to abandon a file after logging a typed error; caught by `parseSpec`. */
export class SpecAbort extends Error {}

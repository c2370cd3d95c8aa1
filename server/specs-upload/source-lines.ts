/**
 * The text of the line an issue points at, so the upload page can show it under the message. The
 * server adds it because only the server holds every file: a zip's entries are expanded there.
 */
import type { SpecFile, SpecIssue } from "../specs";

/** Longer lines are cut here (a minified JSON file is one very long line). */
export const MAX_SOURCE_LINE_CHARS = 240;

export interface SpecIssueWithSource extends SpecIssue {
  /** The offending line as written (cut to MAX_SOURCE_LINE_CHARS, "…" marks a cut); text, not HTML. */
  sourceLine?: string;
}

/** Adds `sourceLine` to each issue whose file and line exist; others are returned as they were. */
export function withSourceLines(issues: SpecIssue[], files: SpecFile[]): SpecIssueWithSource[] {
  if (issues.length === 0) return [];
  const contents = new Map(files.map((file) => [file.name, file.content]));
  const lines = new Map<string, string[]>();
  const linesOf = (name: string): string[] | undefined => {
    const cached = lines.get(name);
    if (cached) return cached;
    const content = contents.get(name);
    if (content === undefined) return undefined;
    // Split as the parser splits (server/specs/markdown-lines.ts), after its BOM removal.
    const split = content.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
    lines.set(name, split);
    return split;
  };
  return issues.map((issue) => {
    if (issue.line < 1) return issue;
    const text = linesOf(issue.file)?.[issue.line - 1];
    return text === undefined ? issue : { ...issue, sourceLine: cutLine(text) };
  });
}

/** Trailing whitespace dropped, and cut at a character boundary (never half a surrogate pair). */
export function cutLine(text: string, max = MAX_SOURCE_LINE_CHARS): string {
  const line = text.trimEnd();
  const characters = Array.from(line);
  return characters.length <= max ? line : `${characters.slice(0, max - 1).join("")}…`;
}

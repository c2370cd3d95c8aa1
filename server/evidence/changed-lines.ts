import { metric, normaliseSourcePath } from "./coverage-totals";
import type { CoverageMetric, CoverageReport, Result } from "./types";
import { fail, ok } from "./types";

/** New-side line numbers an item added or modified, per file path relative to the repository root. */
export type ChangedLines = Record<string, number[]>;

/**
 * Reads `git diff` output (any `--unified` width; `--unified=0` is what verification runs) into the
 * lines each file gained or changed. Deleted files and pure deletions contribute nothing: there is
 * no new line left to cover. Assumes git's default `a/` `b/` prefixes.
 */
export function parseUnifiedDiff(text: string): Result<ChangedLines> {
  const changed: ChangedLines = {};
  let file: string | undefined;
  let nextLine = 0;
  let inHunk = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("diff --git ")) {
      file = undefined;
      inHunk = false;
      continue;
    }
    if (line.startsWith("+++ ")) {
      const target = unquote(line.slice(4).replace(/\t.*$/, ""));
      file = target === "/dev/null" ? undefined : normaliseSourcePath(target.replace(/^b\//, ""));
      inHunk = false;
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      nextLine = Number(hunk[1]);
      inHunk = file !== undefined;
      continue;
    }
    if (!inHunk || file === undefined) continue;
    if (line.startsWith("+")) {
      const lines = changed[file] ?? [];
      lines.push(nextLine);
      changed[file] = lines;
      nextLine++;
    } else if (line.startsWith(" ")) {
      nextLine++;
    }
    // "-" lines and "\ No newline at end of file" do not exist on the new side.
  }
  if (text.trim() !== "" && !/^(diff --git |--- |\+\+\+ )/m.test(text)) {
    return fail("invalid_format", "not unified diff output (no file headers)", null);
  }
  return ok(changed);
}

/** git quotes paths with unusual characters: "b/na\303\257ve file.ts". */
function unquote(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"')) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, '"': 34, "\\": 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = String.fromCodePoint(body.codePointAt(i) ?? 0);
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      i += ch.length - 1;
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
      continue;
    }
    const escaped = simple[body[i + 1] ?? ""];
    if (escaped !== undefined) bytes.push(escaped);
    i += 1;
  }
  return Buffer.from(bytes).toString("utf8");
}

export type ChangedFileStatus =
  /** The report has per-line data for the file. */
  | "measured"
  /** The report does not mention the file: not source code, or never loaded by any test. */
  | "not_in_report"
  /** The report mentions the file but has no per-line data (Istanbul summary). */
  | "no_line_data";

export interface ChangedFileCoverage {
  status: ChangedFileStatus;
  /** Changed lines that are executable and ran at least once. */
  coveredLines: number[];
  /** Changed lines that are executable and never ran. */
  uncoveredLines: number[];
}

export interface ChangedLinesCoverage extends CoverageMetric {
  files: Record<string, ChangedFileCoverage>;
}

/**
 * Coverage of the lines an item changed. Only executable lines count (the report lists them);
 * blank lines, comments and type declarations are not in any report and are ignored. Files the
 * report does not know are listed but left out of the percentage: we cannot tell a README from a
 * module no test imported, and saying 0% about a README would be as wrong as saying 100%.
 */
export function changedLinesCoverage(
  coverage: CoverageReport,
  changedLines: ChangedLines,
): ChangedLinesCoverage {
  const keys = Object.keys(coverage.files);
  const total = { covered: 0, total: 0 };
  const files: Record<string, ChangedFileCoverage> = {};
  for (const [rawPath, lines] of Object.entries(changedLines)) {
    const changedPath = normaliseSourcePath(rawPath);
    const key = findCoverageKey(keys, changedPath);
    const fileCoverage = key === undefined ? undefined : coverage.files[key];
    if (!fileCoverage) {
      files[changedPath] = { status: "not_in_report", coveredLines: [], uncoveredLines: [] };
      continue;
    }
    if (!fileCoverage.lineHits) {
      files[changedPath] = { status: "no_line_data", coveredLines: [], uncoveredLines: [] };
      continue;
    }
    const entry: ChangedFileCoverage = { status: "measured", coveredLines: [], uncoveredLines: [] };
    for (const line of [...new Set(lines)].sort((a, b) => a - b)) {
      const hits = fileCoverage.lineHits[line];
      if (hits === undefined) continue;
      (hits > 0 ? entry.coveredLines : entry.uncoveredLines).push(line);
    }
    total.covered += entry.coveredLines.length;
    total.total += entry.coveredLines.length + entry.uncoveredLines.length;
    files[changedPath] = entry;
  }
  return { ...metric(total), files };
}

/**
 * Exact match first; otherwise a report key that ends with `/<path>`, only when exactly one does,
 * for reports whose paths stayed absolute because no root directory was known.
 */
function findCoverageKey(keys: string[], changedPath: string): string | undefined {
  if (keys.includes(changedPath)) return changedPath;
  const candidates = keys.filter((k) => k.endsWith(`/${changedPath}`));
  return candidates.length === 1 ? candidates[0] : undefined;
}

import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseCobertura } from "./cobertura";
import { parseIstanbulFinal, parseIstanbulSummary } from "./istanbul";
import { parseJUnitXml } from "./junit";
import { parseLcov } from "./lcov";
import { parseNodeTestOutput } from "./node-test";
import type { CoverageReport, EvidenceError, Result, TestReport } from "./types";
import { fail, ok } from "./types";
import { resolveInWorkspace } from "./workspace-paths";

/** Where the common tools write their reports when a project does not say otherwise. */
export const DEFAULT_REPORT_PATHS: readonly string[] = [
  "junit.xml",
  "test-results/junit.xml",
  "reports/junit.xml",
  "test-report.junit.xml",
  "target/surefire-reports",
  "coverage/coverage-final.json",
  "coverage/coverage-summary.json",
  "coverage/lcov.info",
  "coverage/cobertura-coverage.xml",
  "lcov.info",
  "coverage.xml",
];

/** Report files beyond this are refused rather than read into memory. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;
const REPORT_EXTENSIONS = new Set([".xml", ".json", ".info", ".tap"]);

export type ParsedReport =
  | { kind: "tests"; report: TestReport }
  | { kind: "coverage"; report: CoverageReport };

/**
 * Picks the parser from the file name, then from the content, since projects name their reports
 * freely (`reports/unit.xml` may be JUnit or Cobertura).
 */
export function parseReportText(file: string, text: string, rootDir?: string): Result<ParsedReport> {
  const options = rootDir === undefined ? { file } : { file, rootDir };
  const base = path.basename(file).toLowerCase();
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .trimStart();
  const asTests = (r: Result<TestReport>): Result<ParsedReport> =>
    r.ok ? ok({ kind: "tests", report: r.value }) : r;
  const asCoverage = (r: Result<CoverageReport>): Result<ParsedReport> =>
    r.ok ? ok({ kind: "coverage", report: r.value }) : r;

  if (head.startsWith("<")) {
    const root = /<(?!\?|!)([A-Za-z_][\w.-]*)/.exec(head)?.[1];
    if (root === "coverage") return asCoverage(parseCobertura(text, options));
    if (root === "testsuites" || root === "testsuite") return asTests(parseJUnitXml(text, options));
    return fail("invalid_format", `unknown XML report (root element <${root ?? "?"}>)`, file);
  }
  if (head.startsWith("{")) {
    if (base.includes("summary") || /^\{\s*"total"\s*:/.test(head)) {
      return asCoverage(parseIstanbulSummary(text, options));
    }
    return asCoverage(parseIstanbulFinal(text, options));
  }
  if (base.endsWith(".info") || /^(TN|SF):/m.test(head)) return asCoverage(parseLcov(text, options));
  return asTests(parseNodeTestOutput(text, options));
}

/** What a report file looked like before the test command ran. */
export type ReportSnapshot = Map<string, string>;

export type ReportStatus = "parsed" | "stale" | "missing" | "error";

export interface ReportRecord {
  /** Workspace-relative path of the report file. */
  path: string;
  status: ReportStatus;
  format?: TestReport["format"] | CoverageReport["format"];
  error?: EvidenceError;
}

/** Files a report path stands for: the file itself, or the report files directly inside a directory (Surefire). */
async function expand(
  workspaceDir: string,
  reportPath: string,
): Promise<{ files: { rel: string; abs: string }[]; error?: EvidenceError; refused?: EvidenceError[] }> {
  const resolved = await resolveInWorkspace(workspaceDir, reportPath);
  if (!resolved.ok) return { files: [], error: resolved.error };
  if (!resolved.exists) return { files: [] };
  try {
    const info = await stat(resolved.absolute);
    if (!info.isDirectory()) return { files: [{ rel: reportPath, abs: resolved.absolute }] };
    const entries = await readdir(resolved.absolute, { withFileTypes: true });
    const files: { rel: string; abs: string }[] = [];
    const refused: EvidenceError[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      // Links are followed (and checked) below: a forged report may well be one.
      if (!(entry.isFile() || entry.isSymbolicLink()) || !REPORT_EXTENSIONS.has(path.extname(entry.name)))
        continue;
      const rel = path.posix.join(reportPath.replaceAll("\\", "/"), entry.name);
      const inner = await resolveInWorkspace(workspaceDir, rel);
      if (!inner.ok) refused.push(inner.error);
      else if (inner.exists) files.push({ rel, abs: inner.absolute });
    }
    return { files, refused };
  } catch (e) {
    return { files: [], error: { code: "unreadable", message: String(e), file: reportPath } };
  }
}

async function fingerprint(abs: string): Promise<{ print: string; text: string } | EvidenceError> {
  try {
    const info = await stat(abs);
    if (info.size > MAX_REPORT_BYTES) {
      return { code: "unreadable", message: `larger than ${MAX_REPORT_BYTES} bytes`, file: abs };
    }
    const text = await readFile(abs, "utf8");
    const hash = createHash("sha256").update(text).digest("hex");
    return { print: `${info.mtimeMs}:${info.size}:${hash}`, text };
  } catch (e) {
    return { code: "unreadable", message: e instanceof Error ? e.message : String(e), file: abs };
  }
}

/**
 * Records the reports already present before the test command runs. A report that is still
 * byte-for-byte the same afterwards was not produced by this run: an agent could have written a
 * green junit.xml by hand, or an earlier attempt left one behind. Such reports are never evidence.
 */
export async function snapshotReports(
  workspaceDir: string,
  reportPaths: readonly string[],
): Promise<ReportSnapshot> {
  const snapshot: ReportSnapshot = new Map();
  for (const reportPath of reportPaths) {
    const { files } = await expand(workspaceDir, reportPath);
    for (const f of files) {
      const print = await fingerprint(f.abs);
      if ("print" in print) snapshot.set(f.abs, print.print);
    }
  }
  return snapshot;
}

export interface CollectedReports {
  records: ReportRecord[];
  parsed: { path: string; value: ParsedReport }[];
}

/** Reads and parses every report this run produced; missing and stale ones are recorded, not parsed. */
export async function readFreshReports(
  workspaceDir: string,
  reportPaths: readonly string[],
  before: ReportSnapshot,
  options: { recordMissing?: boolean } = {},
): Promise<CollectedReports> {
  const records: ReportRecord[] = [];
  const parsed: { path: string; value: ParsedReport }[] = [];
  const root = await resolveInWorkspace(workspaceDir, ".");
  const rootDir = root.ok ? root.absolute : workspaceDir;
  for (const reportPath of reportPaths) {
    const { files, error, refused = [] } = await expand(workspaceDir, reportPath);
    if (error) {
      records.push({ path: reportPath, status: "error", error });
      continue;
    }
    // A link in a report directory that leads outside is recorded: someone put it there.
    for (const r of refused) records.push({ path: r.file ?? reportPath, status: "error", error: r });
    if (files.length === 0 && refused.length === 0 && options.recordMissing !== false) {
      records.push({ path: reportPath, status: "missing" });
    }
    for (const f of files) {
      const print = await fingerprint(f.abs);
      if (!("print" in print)) {
        records.push({ path: f.rel, status: "error", error: { ...print, file: f.rel } });
        continue;
      }
      if (before.get(f.abs) === print.print) {
        records.push({ path: f.rel, status: "stale" });
        continue;
      }
      const result = parseReportText(f.rel, print.text, rootDir);
      if (!result.ok) {
        records.push({ path: f.rel, status: "error", error: result.error });
        continue;
      }
      records.push({ path: f.rel, status: "parsed", format: result.value.report.format });
      parsed.push({ path: f.rel, value: result.value });
    }
  }
  return { records, parsed };
}

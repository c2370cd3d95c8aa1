import { countLineHits, normaliseSourcePath, reportFromFiles, toCount } from "./coverage-totals";
import type { CoverageCount, CoverageReport, FileCoverage, ParseOptions, Result } from "./types";
import { fail, ok } from "./types";

/**
 * lcov tracefiles (`lcov.info`), as written by `node --test --test-reporter=lcov`, c8, nyc, Jest and
 * Vitest. lcov has no statements: statement counts mirror line counts. Counts are computed from the
 * detail records (DA, BRDA, FNDA) so a record whose LH/LF summary disagrees with its own lines cannot
 * inflate coverage; the summary records are only used when a writer left the details out.
 */
export function parseLcov(text: string, options: ParseOptions = {}): Result<CoverageReport> {
  const file = options.file ?? null;
  if (text.trim() === "") return fail("empty_report", "the file is empty", file);

  const records = new Map<string, LcovRecord>();
  let current: LcovRecord | undefined;
  let lineNo = 0;
  for (const rawLine of text.split(/\r?\n/)) {
    lineNo++;
    const line = rawLine.trim();
    if (line === "" || line === "TN:" || line.startsWith("TN:")) continue;
    if (line === "end_of_record") {
      current = undefined;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon < 0)
      return fail("invalid_format", `line ${lineNo} is not an lcov record: "${line.slice(0, 80)}"`, file);
    const tag = line.slice(0, colon);
    const value = line.slice(colon + 1);
    if (tag === "SF") {
      const key = normaliseSourcePath(value, options.rootDir);
      // The same file can appear in several records (merged tracefiles); hits add up.
      current = records.get(key) ?? newRecord();
      records.set(key, current);
      continue;
    }
    if (!current) return fail("invalid_format", `line ${lineNo}: "${tag}" record before any SF:`, file);
    readRecordLine(current, tag, value.split(","));
  }
  if (records.size === 0) return fail("invalid_format", "no SF: records: not an lcov tracefile", file);

  const files: Record<string, FileCoverage> = {};
  for (const [key, record] of records) files[key] = toFileCoverage(record);
  return ok(reportFromFiles("lcov", files));
}

interface LcovRecord {
  lineHits: Record<number, number>;
  functionHits: Map<string, number>;
  branchHits: Map<string, number>;
  summary: { LF?: number; LH?: number; FNF?: number; FNH?: number; BRF?: number; BRH?: number };
}

function newRecord(): LcovRecord {
  return { lineHits: {}, functionHits: new Map(), branchHits: new Map(), summary: {} };
}

function readRecordLine(record: LcovRecord, tag: string, parts: string[]): void {
  switch (tag) {
    case "DA": {
      const line = toCount(parts[0]);
      const hits = toCount(parts[1]);
      if (line !== undefined && line >= 1 && hits !== undefined) {
        record.lineHits[line] = (record.lineHits[line] ?? 0) + hits;
      }
      return;
    }
    case "FN": {
      // FN:<line>,<name>; names may contain commas.
      const name = parts.slice(1).join(",");
      if (name && !record.functionHits.has(name)) record.functionHits.set(name, 0);
      return;
    }
    case "FNDA": {
      const hits = toCount(parts[0]);
      const name = parts.slice(1).join(",");
      if (name && hits !== undefined)
        record.functionHits.set(name, (record.functionHits.get(name) ?? 0) + hits);
      return;
    }
    case "BRDA": {
      // BRDA:<line>,<block>,<branch>,<taken>; "-" means the block never ran.
      const [line, block, branch, taken] = parts;
      if (line === undefined || block === undefined || branch === undefined) return;
      const id = `${line},${block},${branch}`;
      const hits = taken === "-" ? 0 : (toCount(taken) ?? 0);
      record.branchHits.set(id, (record.branchHits.get(id) ?? 0) + hits);
      return;
    }
    case "LF":
    case "LH":
    case "FNF":
    case "FNH":
    case "BRF":
    case "BRH": {
      const n = toCount(parts[0]);
      if (n !== undefined) record.summary[tag] = n;
      return;
    }
    default:
      // VER, FNL/FNA (lcov 2.x), checksums and the like carry nothing we count.
      return;
  }
}

function toFileCoverage(record: LcovRecord): FileCoverage {
  const fromSummary = (found?: number, hit?: number): CoverageCount => ({
    total: found ?? 0,
    covered: Math.min(hit ?? 0, found ?? 0),
  });
  const fromHits = (values: Iterable<number>): CoverageCount => {
    const list = [...values];
    return { covered: list.filter((v) => v > 0).length, total: list.length };
  };
  const { summary } = record;
  const hasLines = Object.keys(record.lineHits).length > 0;
  const lines = hasLines ? countLineHits(record.lineHits) : fromSummary(summary.LF, summary.LH);
  return {
    lines,
    statements: { ...lines },
    functions:
      record.functionHits.size > 0
        ? fromHits(record.functionHits.values())
        : fromSummary(summary.FNF, summary.FNH),
    branches:
      record.branchHits.size > 0
        ? fromHits(record.branchHits.values())
        : fromSummary(summary.BRF, summary.BRH),
    lineHits: hasLines ? record.lineHits : null,
  };
}

import path from "node:path";
import type {
  CoverageCount,
  CoverageMetric,
  CoverageReport,
  CoverageReportFormat,
  FileCoverage,
} from "./types";

/**
 * Istanbul's rounding (floor to two decimals, 100 when nothing is instrumented), used for every
 * format so the same run reads the same whichever report a project happens to write.
 */
export function percent(covered: number, total: number): number {
  if (total <= 0) return 100;
  return Math.floor((10_000 * covered) / total) / 100;
}

export function metric(count: CoverageCount): CoverageMetric {
  return { covered: count.covered, total: count.total, pct: percent(count.covered, count.total) };
}

export function emptyCount(): CoverageCount {
  return { covered: 0, total: 0 };
}

/** Builds a report whose totals are the sum of its files, the way every supported tool defines them. */
export function reportFromFiles(
  format: CoverageReportFormat,
  files: Record<string, FileCoverage>,
): CoverageReport {
  const sum = (key: "lines" | "branches" | "functions" | "statements"): CoverageMetric => {
    const total = emptyCount();
    for (const file of Object.values(files)) {
      total.covered += file[key].covered;
      total.total += file[key].total;
    }
    return metric(total);
  };
  return {
    format,
    lines: sum("lines"),
    branches: sum("branches"),
    functions: sum("functions"),
    statements: sum("statements"),
    files,
  };
}

/** Line totals derived from per-line hits, so formats that list lines agree with those that count them. */
export function countLineHits(lineHits: Record<number, number>): CoverageCount {
  const hits = Object.values(lineHits);
  return { covered: hits.filter((h) => h > 0).length, total: hits.length };
}

/**
 * Normalises a source path from a report: forward slashes, no `./`, and relative to `rootDir` when it
 * lies inside it, so the keys match the paths `git diff` prints.
 */
export function normaliseSourcePath(sourcePath: string, rootDir?: string): string {
  let p = sourcePath.trim();
  if (p.startsWith("file://")) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
    } catch {
      // Keep the raw text: a path we cannot decode is still better shown than dropped.
    }
  }
  p = p.replaceAll("\\", "/");
  if (rootDir && path.posix.isAbsolute(p)) {
    const root = rootDir.replaceAll("\\", "/").replace(/\/+$/, "");
    if (p.startsWith(`${root}/`)) p = p.slice(root.length + 1);
  }
  return path.posix.normalize(p).replace(/^\.\//, "");
}

/** Reads a non-negative finite number from report text, or undefined; reports are untrusted input. */
export function toCount(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

import { evidenceOf } from "../runs/evidence";
import type { RunView } from "../runs/types";

export interface CoverageThresholds {
  /** Minimum line coverage, percent. */
  lines: number;
  /** Minimum branch coverage, percent. */
  branches: number;
}

export const defaultThresholds: CoverageThresholds = { lines: 80, branches: 70 };

/** One item of the coverage table; null where verification has not measured it (yet). */
export interface CoverageRow {
  key: string;
  title: string;
  status: string;
  tests: number | null;
  passed: number | null;
  failed: number | null;
  lines: number | null;
  branches: number | null;
  changedLines: number | null;
  /** Below its threshold: a number under the minimum (an unmeasured value is not "below"). */
  linesBelow: boolean;
  branchesBelow: boolean;
}

export const sortColumns = [
  "key",
  "title",
  "status",
  "tests",
  "passed",
  "failed",
  "lines",
  "branches",
  "changedLines",
] as const;
export type SortColumn = (typeof sortColumns)[number];
export type SortDir = "asc" | "desc";

/** The thresholds a run carries in its settings (`coverageThresholds`), else the defaults. */
export function thresholdsOf(run: Pick<RunView, "settings">): CoverageThresholds {
  const configured = run.settings?.coverageThresholds as Partial<CoverageThresholds> | undefined;
  const pick = (value: unknown, fallback: number) =>
    typeof value === "number" && Number.isFinite(value) ? value : fallback;
  return {
    lines: pick(configured?.lines, defaultThresholds.lines),
    branches: pick(configured?.branches, defaultThresholds.branches),
  };
}

/** Every item of the run with what its verification measured, checked against the thresholds. */
export function coverageRows(run: RunView, thresholds: CoverageThresholds): CoverageRow[] {
  return run.stories.map((story) => {
    const evidence = evidenceOf(story);
    const lines = evidence?.coverage?.lines ?? null;
    const branches = evidence?.coverage?.branches ?? null;
    return {
      key: story.key,
      title: story.title,
      status: story.status,
      tests: evidence?.tests?.total ?? null,
      passed: evidence?.tests?.passed ?? null,
      failed: evidence?.tests?.failed ?? null,
      lines,
      branches,
      changedLines: evidence?.coverage?.changedLines ?? null,
      linesBelow: lines !== null && lines < thresholds.lines,
      branchesBelow: branches !== null && branches < thresholds.branches,
    };
  });
}

/** Reads `?sort=lines&dir=asc`; anything unknown falls back to the spec's order by key. */
export function parseSort(params: { get(name: string): string | null }): { sort: SortColumn; dir: SortDir } {
  const sort = params.get("sort");
  const dir = params.get("dir");
  return {
    sort: (sortColumns as readonly string[]).includes(sort ?? "") ? (sort as SortColumn) : "key",
    dir: dir === "desc" ? "desc" : "asc",
  };
}

const keyCollator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** A stable sort by one column; unmeasured values always go last, whichever the direction. */
export function sortRows(rows: CoverageRow[], sort: SortColumn, dir: SortDir): CoverageRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[sort];
      const y = b.row[sort];
      if (x === null || y === null) {
        if (x === y) return a.index - b.index;
        return x === null ? 1 : -1;
      }
      const order =
        typeof x === "number" && typeof y === "number" ? x - y : keyCollator.compare(String(x), String(y));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map(({ row }) => row);
}

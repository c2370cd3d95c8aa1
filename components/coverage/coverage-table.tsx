"use client";

import { formatPct } from "../runs/evidence";
import type { CoverageRow, CoverageThresholds, SortColumn, SortDir } from "./coverage-rows";

const headers: { column: SortColumn; label: string; numeric?: boolean }[] = [
  { column: "key", label: "Item" },
  { column: "title", label: "Title" },
  { column: "status", label: "Status" },
  { column: "tests", label: "Tests written", numeric: true },
  { column: "passed", label: "Passed", numeric: true },
  { column: "failed", label: "Failed", numeric: true },
  { column: "lines", label: "Lines", numeric: true },
  { column: "branches", label: "Branches", numeric: true },
  { column: "changedLines", label: "Changed lines", numeric: true },
];

function count(value: number | null): string {
  return value === null ? "–" : String(value);
}

/** A percentage, with a word and not only a colour when it is under its threshold. */
function PctCell({ value, below, threshold }: { value: number | null; below: boolean; threshold: number }) {
  return (
    <td
      className={`py-1 pr-3 text-right tabular-nums ${below ? "bg-red-50 font-semibold text-red-800 dark:bg-red-950/50 dark:text-red-200" : ""}`}
      data-below={below || undefined}
    >
      {formatPct(value)}
      {below ? <span className="ml-1 text-xs font-normal">(below {threshold}%)</span> : null}
    </td>
  );
}

export function CoverageTable({
  rows,
  thresholds,
  sort,
  dir,
  onSort,
}: {
  rows: CoverageRow[];
  thresholds: CoverageThresholds;
  sort: SortColumn;
  dir: SortDir;
  onSort: (column: SortColumn, dir: SortDir) => void;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="coverage-table">
        <caption className="sr-only">
          Tests and coverage per item, sorted by {headers.find((h) => h.column === sort)?.label}{" "}
          {dir === "asc" ? "ascending" : "descending"}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            {headers.map(({ column, label, numeric }) => {
              const active = column === sort;
              const next: SortDir = active && dir === "asc" ? "desc" : "asc";
              return (
                <th
                  key={column}
                  scope="col"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
                  className={`py-1 pr-3 ${numeric ? "text-right" : ""}`}
                >
                  <button
                    type="button"
                    onClick={() => onSort(column, next)}
                    className="inline-flex items-center gap-1 rounded font-semibold hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700"
                  >
                    {label}
                    <span aria-hidden="true" className="text-xs text-slate-500">
                      {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              data-testid={`coverage-row-${row.key}`}
              className="border-b border-slate-100 dark:border-slate-800"
            >
              <td className="py-1 pr-3 font-mono">{row.key}</td>
              <td className="py-1 pr-3">{row.title}</td>
              <td className="py-1 pr-3">{row.status.replaceAll("_", " ")}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{count(row.tests)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{count(row.passed)}</td>
              <td
                className={`py-1 pr-3 text-right tabular-nums ${row.failed ? "font-semibold text-red-800 dark:text-red-200" : ""}`}
              >
                {count(row.failed)}
              </td>
              <PctCell value={row.lines} below={row.linesBelow} threshold={thresholds.lines} />
              <PctCell value={row.branches} below={row.branchesBelow} threshold={thresholds.branches} />
              <td className="py-1 pr-3 text-right tabular-nums">{formatPct(row.changedLines)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

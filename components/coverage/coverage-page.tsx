"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { runQuery } from "../runs/queries";
import { useRunLive } from "../runs/use-run-live";
import { toCsv } from "./coverage-csv";
import {
  coverageRows,
  parseSort,
  type SortColumn,
  type SortDir,
  sortRows,
  thresholdsOf,
} from "./coverage-rows";
import { CoverageTable } from "./coverage-table";

/** An object URL for the CSV, revoked when the text changes or the page goes. */
function useCsvUrl(csv: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const next = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [csv]);
  return url;
}

/** Every item's tests and coverage for one run, sortable (the sort is in the URL) and exportable. */
export function CoveragePage({ runId }: { runId: string }) {
  useRunLive(runId);
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { sort, dir } = parseSort(params);
  const { data: run, error, isPending } = useQuery(runQuery(runId));
  const rows = useMemo(
    () => (run ? sortRows(coverageRows(run, thresholdsOf(run)), sort, dir) : []),
    [run, sort, dir],
  );
  const csvUrl = useCsvUrl(useMemo(() => toCsv(rows), [rows]));

  const onSort = (column: SortColumn, next: SortDir) => {
    const search = new URLSearchParams(params.toString());
    search.set("sort", column);
    search.set("dir", next);
    router.replace(`${pathname}?${search.toString()}`, { scroll: false });
  };

  if (isPending) return <p className="p-6 text-slate-500">Loading the run…</p>;
  if (error || !run) {
    return (
      <p role="alert" className="p-6 text-red-700 dark:text-red-300">
        Could not load this run: {error?.message}
      </p>
    );
  }
  const thresholds = thresholdsOf(run);
  const below = rows.filter((row) => row.linesBelow || row.branchesBelow).length;
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
        <h1 className="text-2xl font-semibold">Coverage: {run.spec.name}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Thresholds: lines {thresholds.lines}%, branches {thresholds.branches}% ·{" "}
          <span data-testid="below-count">
            {below} of {rows.length} items below
          </span>
        </p>
        <span className="ml-auto flex items-center gap-3 text-sm">
          {csvUrl ? (
            <a
              href={csvUrl}
              download={`coverage-${run.id}.csv`}
              className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Download CSV
            </a>
          ) : null}
          <Link href={`/runs/${run.id}`} className="text-blue-700 underline dark:text-blue-300">
            Back to the run
          </Link>
        </span>
      </header>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">This run has no items.</p>
      ) : (
        <CoverageTable rows={rows} thresholds={thresholds} sort={sort} dir={dir} onSort={onSort} />
      )}
    </div>
  );
}

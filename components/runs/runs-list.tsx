"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState } from "react";
import { type RunSummary, runsQuery } from "./queries";
import { formatDuration, spanMs } from "./story-drawer-model";

const statuses: { value: string; label: string }[] = [
  { value: "pending", label: "starting" },
  { value: "running", label: "running" },
  { value: "awaiting_approval", label: "waiting for approval" },
  { value: "paused", label: "paused" },
  { value: "succeeded", label: "succeeded" },
  { value: "failed", label: "failed" },
  { value: "cancelled", label: "cancelled" },
];
const statusLabel = new Map(statuses.map((status) => [status.value, status.label]));
const finalStatuses = new Set(["succeeded", "failed", "cancelled"]);

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Every run, newest first, filterable by status (`?status=running`, so the view can be shared). */
export function RunsList() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading runs…</p>}>
      <RunsSection />
    </Suspense>
  );
}

function RunsSection() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filter = params.get("status") ?? "";
  const { data, error, isPending, refetch } = useQuery({ ...runsQuery(), refetchInterval: 5000 });
  const now = useNow(1000);
  const shown = data?.filter((run) => !filter || run.status === filter) ?? [];

  const setFilter = (value: string) => {
    const search = new URLSearchParams(params.toString());
    if (value) search.set("status", value);
    else search.delete("status");
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <section aria-labelledby="runs-heading" className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-4">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Runs
        </h2>
        <label className="text-sm">
          Status{" "}
          <select
            data-testid="runs-status-filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">all</option>
            {statuses.map((status) => (
              <option key={status.value} value={status.value}>
                {status.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {isPending ? <p className="text-sm text-slate-500">Loading runs…</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the runs: {error.message}{" "}
          <button type="button" onClick={() => void refetch()} className="underline focus-visible:outline">
            Try again
          </button>
        </p>
      ) : null}
      {data && shown.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="runs-empty">
          {data.length === 0
            ? "No runs yet. Plan a spec above and start one."
            : `No ${statusLabel.get(filter) ?? filter} runs.`}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <table className="w-full text-left text-sm" data-testid="runs-table">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1 pr-3">Spec</th>
              <th className="py-1 pr-3">Status</th>
              <th className="py-1 pr-3">Progress</th>
              <th className="py-1 pr-3">Elapsed</th>
              <th className="py-1 pr-3">Started by</th>
              <th className="py-1">Created</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((run) => (
              <RunRow key={run.id} run={run} now={now} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function RunRow({ run, now }: { run: RunSummary; now: number }) {
  const pct = run.storiesTotal ? Math.round((run.storiesDone / run.storiesTotal) * 100) : 0;
  // The summary has no start time: elapsed counts from creation, which is when the run started.
  const finished = run.finishedAt ?? (finalStatuses.has(run.status) ? run.createdAt : null);
  return (
    <tr
      data-testid={`run-row-${run.id}`}
      data-status={run.status}
      className="border-b border-slate-100 dark:border-slate-800"
    >
      <td className="py-1 pr-3">
        <Link href={`/runs/${run.id}`} className="text-blue-700 underline dark:text-blue-300">
          {run.specName}
        </Link>
      </td>
      <td className="py-1 pr-3">{statusLabel.get(run.status) ?? run.status}</td>
      <td className="py-1 pr-3">
        <span className="inline-flex items-center gap-2">
          <progress
            value={run.storiesDone}
            max={Math.max(run.storiesTotal, 1)}
            aria-label={`${run.specName}: ${run.storiesDone} of ${run.storiesTotal} items done`}
            className="h-2 w-20"
          />
          <span className="tabular-nums">
            {run.storiesDone}/{run.storiesTotal} ({pct}%)
          </span>
        </span>
      </td>
      <td className="py-1 pr-3 tabular-nums">{formatDuration(spanMs(run.createdAt, finished, now))}</td>
      <td className="py-1 pr-3">{run.startedBy ?? "–"}</td>
      <td className="py-1">{new Date(run.createdAt).toLocaleString()}</td>
    </tr>
  );
}

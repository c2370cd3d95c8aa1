"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApprovalPrompt } from "../approvals/approval-prompt";
import { Gantt } from "../gantt/gantt";
import { runQuery } from "./queries";
import { useRunLive } from "./use-run-live";

const runStatusLabel: Record<string, string> = {
  pending: "Starting",
  running: "Running",
  awaiting_approval: "Waiting for approval",
  paused: "Paused",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function RunPage({ runId }: { runId: string }) {
  const live = useRunLive(runId);
  const { data: run, error, isPending } = useQuery(runQuery(runId));

  if (isPending) return <p className="p-6 text-slate-500">Loading the run…</p>;
  if (error || !run) {
    return (
      <p role="alert" className="p-6 text-red-700">
        Could not load this run: {error?.message}
      </p>
    );
  }
  const done = run.stories.filter((s) => s.status === "succeeded").length;
  const failed = run.stories.filter((s) => s.status === "failed").length;
  const running = run.stories.filter((s) => s.status === "running").length;
  const lastDecision = run.approvals.at(-1);

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline gap-x-6 gap-y-1">
        <h1 className="text-2xl font-semibold">{run.spec.name}</h1>
        <span
          data-testid="run-status"
          data-status={run.status}
          className="rounded bg-slate-100 px-2 py-0.5 text-sm font-medium dark:bg-slate-800"
        >
          {runStatusLabel[run.status] ?? run.status}
        </span>
        <span className="text-sm text-slate-600 dark:text-slate-300">
          Wave {Math.min(run.currentWave + 1, run.waves.length)} of {run.waves.length} · {done}/
          {run.stories.length} done
          {failed ? ` · ${failed} failed` : ""}
          {running ? ` · ${running} running` : ""}
        </span>
        <span className="text-xs text-slate-500" aria-live="polite">
          {live === "live" ? "● live" : live === "connecting" ? "connecting…" : "offline, reconnecting…"}
        </span>
        <Link href="/" className="ml-auto text-sm text-blue-700 underline dark:text-blue-300">
          All runs
        </Link>
      </header>
      {run.error ? (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200"
        >
          {run.error}
        </p>
      ) : null}
      {lastDecision ? (
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="last-decision">
          Wave {lastDecision.waveIndex + 1}: {lastDecision.decision} by {lastDecision.decidedBy} at{" "}
          {new Date(lastDecision.at).toLocaleTimeString()}
          {lastDecision.comment ? ` — “${lastDecision.comment}”` : ""}
        </p>
      ) : null}
      <ApprovalPrompt run={run} />
      <Gantt run={run} />
    </div>
  );
}

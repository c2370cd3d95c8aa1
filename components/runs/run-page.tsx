"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ApprovalPrompt } from "../approvals/approval-prompt";
import { useProjectCapabilities } from "../auth/me";
import { Gantt } from "../gantt/gantt";
import { api, runQuery } from "./queries";
import { settingsSummary } from "./settings-summary";
import { StoriesTable } from "./stories-table";
import { StoryDrawer, useStoryParam } from "./story-drawer";
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
  const queryClient = useQueryClient();
  const { data: run, error, isPending } = useQuery(runQuery(runId));
  const can = useProjectCapabilities(run?.projectId);
  const [openStoryKey, setOpenStoryKey] = useStoryParam();
  const cancel = useMutation({
    mutationFn: () => api(`/api/v1/runs/${runId}/cancel`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: runQuery(runId).queryKey }),
  });

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
        <span className="text-xs text-slate-500" data-testid="run-settings">
          {settingsSummary(run.settings, run.mode)}
        </span>
        <span className="text-xs text-slate-500" aria-live="polite">
          {live === "live" ? "● live" : live === "connecting" ? "connecting…" : "offline, reconnecting…"}
        </span>
        <span className="ml-auto flex items-center gap-3">
          {can?.operate && ["pending", "running", "awaiting_approval", "paused"].includes(run.status) ? (
            <button
              type="button"
              disabled={cancel.isPending}
              onClick={() => {
                if (window.confirm("Cancel this run? Running agents are stopped.")) cancel.mutate();
              }}
              className="rounded border border-red-400 px-3 py-1 text-sm text-red-700 hover:bg-red-50 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:text-red-300 dark:hover:bg-red-950"
            >
              Cancel run
            </button>
          ) : null}
          <Link
            href={`/runs/${run.id}/coverage`}
            className="text-sm text-blue-700 underline dark:text-blue-300"
          >
            Coverage
          </Link>
          <a
            href={`/api/v1/runs/${run.id}/export?format=progress`}
            className="text-sm text-blue-700 underline dark:text-blue-300"
          >
            Progress report
          </a>
          <Link href="/" className="text-sm text-blue-700 underline dark:text-blue-300">
            All runs
          </Link>
        </span>
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
      <ApprovalPrompt run={run} onInspect={setOpenStoryKey} />
      <Gantt
        run={run}
        gates={(run.gates ?? []).map((gate) => ({
          waveIndex: gate.waveIndex,
          name: gate.name,
          status: gate.status,
          at: gate.at,
        }))}
        onOpenStory={(storyId) => {
          const story = run.stories.find((s) => s.id === storyId);
          if (story) setOpenStoryKey(story.key);
        }}
      />
      <StoriesTable run={run} onOpenStory={setOpenStoryKey} />
      {openStoryKey ? (
        <StoryDrawer run={run} storyKey={openStoryKey} onClose={() => setOpenStoryKey(null)} />
      ) : null}
    </div>
  );
}

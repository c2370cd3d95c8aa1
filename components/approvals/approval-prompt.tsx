"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useProjectCapabilities } from "../auth/me";
import { evidenceOf, formatPct } from "../runs/evidence";
import { api, runQuery } from "../runs/queries";
import type { RunView } from "../runs/types";
import { GateResults } from "./gate-results";
import { waitingRunsQuery } from "./pending-approvals";

/**
 * Shown while a wave waits for a person: its results, then Continue or Pause for approvers. A
 * viewer sees the same results and that the run waits for an approver, with no buttons to press.
 */
export function ApprovalPrompt({ run, onInspect }: { run: RunView; onInspect?: (storyKey: string) => void }) {
  const queryClient = useQueryClient();
  const can = useProjectCapabilities(run.projectId);
  const [comment, setComment] = useState("");
  const wave = run.waves.find((w) => w.status === "awaiting_approval");
  const decide = useMutation({
    mutationFn: (decision: "continue" | "pause") =>
      api<{ outcome: string }>(`/api/v1/runs/${run.id}/approvals`, {
        method: "POST",
        body: JSON.stringify({ waveIndex: wave?.index ?? 0, decision, comment: comment || undefined }),
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: runQuery(run.id).queryKey }),
        // The notification of this request goes at once on this tab's other pages, not a poll later.
        queryClient.invalidateQueries({ queryKey: waitingRunsQuery().queryKey }),
      ]),
  });
  if (!wave) return null;
  const stories = run.stories.filter((story) => story.waveIndex === wave.index);
  const nextWave = run.waves.find((w) => w.index === wave.index + 1);
  const paused = run.status === "paused";

  return (
    <section
      aria-label="Approval needed"
      data-testid="approval-prompt"
      className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 dark:bg-amber-950/40"
    >
      <h2 className="text-lg font-semibold">
        Wave {wave.index + 1} ({wave.name}) is finished{paused ? " — run paused" : ""}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {stories.filter((s) => s.status === "succeeded").length} of {stories.length} items done.
        {nextWave ? ` Continue starts wave ${nextWave.index + 1} (${nextWave.name}).` : ""}
      </p>
      <ul className="my-2 text-sm">
        {stories.map((story) => {
          const evidence = evidenceOf(story);
          return (
            <li key={story.id}>
              <span className="font-mono">{story.key}</span> {story.title}: {story.status}
              {evidence?.tests ? (
                <span className="text-slate-600 dark:text-slate-300">
                  {" "}
                  · tests {evidence.tests.passed}/{evidence.tests.total} · lines{" "}
                  {formatPct(evidence.coverage?.lines)} · {evidence.files.length} files
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <h3 className="font-semibold">Gates</h3>
      <GateResults gates={(run.gates ?? []).filter((gate) => gate.waveIndex === wave.index)} />
      {can?.operate ? (
        <label className="block text-sm">
          Comment (optional)
          <input
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            className="mt-1 block w-full max-w-md rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
      ) : null}
      {can && !can.operate ? (
        <p data-testid="approval-waiting" className="mt-3 text-sm font-medium">
          Waiting for an approver. You can follow this run; continuing or pausing it needs the approver role.
        </p>
      ) : null}
      <div className="mt-3 flex gap-2">
        {can?.operate ? (
          <button
            type="button"
            disabled={decide.isPending}
            onClick={() => decide.mutate("continue")}
            className="rounded bg-emerald-600 px-4 py-1.5 font-medium text-white hover:bg-emerald-700 focus-visible:outline focus-visible:outline-2 disabled:opacity-50"
          >
            Continue
          </button>
        ) : null}
        {onInspect && stories[0] ? (
          <button
            type="button"
            onClick={() => stories[0] && onInspect(stories[0].key)}
            className="rounded border border-slate-400 px-4 py-1.5 font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:hover:bg-slate-800"
          >
            Inspect
          </button>
        ) : null}
        {can?.operate && !paused ? (
          <button
            type="button"
            disabled={decide.isPending}
            onClick={() => decide.mutate("pause")}
            className="rounded border border-slate-400 px-4 py-1.5 font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:hover:bg-slate-800"
          >
            Pause
          </button>
        ) : null}
      </div>
      {decide.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {decide.error.message}
        </p>
      ) : null}
    </section>
  );
}

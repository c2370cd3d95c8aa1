"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useProjectCapabilities } from "../auth/me";
import { ApiError, api, runQuery } from "./queries";
import type { StoryView } from "./types";

type Action = "retry" | "skip" | "mark_done" | "mark_failed";

const labels: Record<Action, string> = {
  retry: "Retry",
  skip: "Skip",
  mark_done: "Mark done",
  mark_failed: "Mark failed",
};

/** The actions a person may take on an item now. */
export function allowedActions(story: StoryView, runActive: boolean): Action[] {
  if (story.status === "failed") return ["retry", "skip"];
  if (story.status === "waiting_for_human") return ["mark_done", "mark_failed", "skip"];
  if (story.status === "pending" && runActive) return ["skip"];
  return [];
}

/** The buttons for those actions; nothing at all for someone whose role does not allow acting on runs. */
export function ItemActions({
  runId,
  projectId,
  story,
  runActive,
}: {
  runId: string;
  projectId: string;
  story: StoryView;
  runActive: boolean;
}) {
  const queryClient = useQueryClient();
  const can = useProjectCapabilities(projectId);
  /** Set when the server asked to confirm a skip: the items that would go on without this one. */
  const [confirming, setConfirming] = useState<{ message: string } | null>(null);
  const act = useMutation({
    mutationFn: ({ action, confirm }: { action: Action; confirm?: boolean }) =>
      api(`/api/v1/runs/${runId}/items/${encodeURIComponent(story.key)}`, {
        method: "POST",
        body: JSON.stringify(confirm ? { action, confirm } : { action }),
      }),
    onSuccess: () => setConfirming(null),
    onError: (error) => {
      if (needsConfirmation(error)) setConfirming({ message: error.message });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: runQuery(runId).queryKey }),
  });
  const actions = can?.operate ? allowedActions(story, runActive) : [];
  if (actions.length === 0) return null;
  return (
    <span className="inline-flex gap-1">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          disabled={act.isPending}
          aria-label={`${labels[action]} ${story.key}`}
          onClick={() => act.mutate({ action })}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {labels[action]}
        </button>
      ))}
      {confirming ? (
        <span
          role="alertdialog"
          aria-label={`Confirm skipping ${story.key}`}
          className="inline-flex items-center gap-1 text-xs"
        >
          <span>{confirming.message}</span>
          <button
            type="button"
            disabled={act.isPending}
            onClick={() => act.mutate({ action: "skip", confirm: true })}
            className="rounded border border-amber-500 px-2 py-0.5 hover:bg-amber-50 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:hover:bg-amber-950"
          >
            Skip anyway
          </button>
          <button
            type="button"
            onClick={() => setConfirming(null)}
            className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Keep it
          </button>
        </span>
      ) : act.error ? (
        <span role="alert" className="text-xs text-red-700">
          {act.error.message}
        </span>
      ) : null}
    </span>
  );
}

/** The server refused a skip until the person confirms that its dependents go on without it. */
function needsConfirmation(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.code === "conflict" &&
    (error.details as { reason?: string } | undefined)?.reason === "dependents_need_confirmation"
  );
}

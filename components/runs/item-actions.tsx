"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useProjectCapabilities } from "../auth/me";
import { api, runQuery } from "./queries";
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
  const act = useMutation({
    mutationFn: (action: Action) =>
      api(`/api/v1/runs/${runId}/items/${encodeURIComponent(story.key)}`, {
        method: "POST",
        body: JSON.stringify({ action }),
      }),
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
          onClick={() => act.mutate(action)}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {labels[action]}
        </button>
      ))}
      {act.error ? (
        <span role="alert" className="text-xs text-red-700">
          {act.error.message}
        </span>
      ) : null}
    </span>
  );
}

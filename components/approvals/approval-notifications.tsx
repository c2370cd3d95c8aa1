"use client";

import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { useMe } from "../auth/me";
import { isPublicPath } from "../auth/next-path";
import { runQuery } from "../runs/queries";
import {
  type ApprovalNotice,
  approvalNotices,
  isWaveBehind,
  runOfPage,
  SHOWN_NOTIFICATIONS,
  WAITING_RUNS_LIMIT,
  type WaitingWave,
  waitingRunsQuery,
  waitingWaveOf,
} from "./pending-approvals";
import { useApprovalPush } from "./use-approval-push";

/**
 * Requests arrive by push (the socket's project rooms); the poll is only a fallback, for a socket
 * that cannot connect or a project someone was added to after the page connected.
 */
const FALLBACK_POLL_MS = 30_000;
const DISMISSED_KEY = "specwave:dismissed-approvals";

/**
 * "Wave 2 of billing.md is waiting for approval" on every dashboard page but the run's own (which
 * has the approval banner), for every run the person may read. The socket's project rooms push
 * every request and decision, and the short list of waiting runs is read again on each.
 */
export function ApprovalNotifications() {
  const pathname = usePathname();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [dismissed, setDismissed] = useState(readDismissed);
  const enabled = Boolean(me) && !isPublicPath(pathname);
  useApprovalPush(enabled);
  const waiting = useQuery({
    ...waitingRunsQuery(),
    enabled,
    refetchInterval: FALLBACK_POLL_MS,
    staleTime: 0,
  });
  const onPage = runOfPage(pathname);
  const runs = enabled ? (waiting.data ?? []) : [];
  // The wave number comes from the run itself; the run open on this page needs none.
  const others = runs.filter((run) => run.id !== onPage);
  const details = useQueries({
    queries: others.map((run) => ({ ...runQuery(run.id), select: waitingWaveOf })),
  });
  const waves = new Map<string, WaitingWave | null>();
  others.forEach((run, index) => {
    const detail = details[index];
    if (detail?.data !== undefined) waves.set(run.id, detail.data);
  });

  // A run read before the latest list may show a wave that is no longer the one waiting.
  const behind = others
    .filter((run, index) => {
      const detail = details[index];
      if (!detail || detail.data === undefined || detail.isFetching) return false;
      return detail.dataUpdatedAt < waiting.dataUpdatedAt && isWaveBehind(run, detail.data);
    })
    .map((run) => run.id)
    .join(",");
  useEffect(() => {
    for (const runId of behind ? behind.split(",") : []) {
      void queryClient.invalidateQueries({ queryKey: runQuery(runId).queryKey, exact: true });
    }
  }, [behind, queryClient]);

  const notices = approvalNotices(runs, waves, { pathname, dismissed });
  const shown = notices.slice(0, SHOWN_NOTIFICATIONS);
  const more = notices.length - shown.length;
  const dismiss = (notice: ApprovalNotice) => {
    const next = new Set(dismissed).add(notice.key);
    setDismissed(next);
    writeDismissed(next);
  };

  if (notices.length === 0) return null;
  return (
    <section
      aria-label="Approval notifications"
      // The stack lets clicks through its gaps: only the notifications themselves take them.
      className="pointer-events-none fixed right-4 bottom-4 z-40 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2"
    >
      {shown.map((notice) => (
        <Notification key={notice.key} notice={notice} onDismiss={() => dismiss(notice)} />
      ))}
      {more > 0 ? (
        <Link
          href="/?status=awaiting_approval"
          className="pointer-events-auto self-end rounded bg-white px-2 py-1 text-sm underline shadow dark:bg-slate-900"
        >
          {more}
          {runs.length >= WAITING_RUNS_LIMIT ? "+" : ""} more {more === 1 ? "run is" : "runs are"} waiting
        </Link>
      ) : null}
    </section>
  );
}

function Notification({ notice, onDismiss }: { notice: ApprovalNotice; onDismiss: () => void }) {
  const what = `Wave ${notice.wave.index + 1} of ${notice.specName}`;
  return (
    <div
      role="status"
      data-testid="approval-notification"
      data-run-id={notice.runId}
      className="pointer-events-auto rounded-lg border-2 border-amber-400 bg-amber-50 p-3 text-sm text-slate-900 shadow-lg dark:bg-amber-950 dark:text-amber-50"
    >
      <p>
        <strong className="break-words">{what}</strong> is waiting for approval
        <span className="text-slate-600 dark:text-amber-200"> ({notice.wave.name})</span>.
      </p>
      <div className="mt-2 flex items-center gap-3">
        <Link
          href={`/runs/${notice.runId}`}
          className="font-medium text-blue-700 underline focus-visible:outline focus-visible:outline-2 dark:text-blue-300"
        >
          Open run
        </Link>
        <button
          type="button"
          aria-label={`Dismiss: ${what} is waiting for approval`}
          onClick={onDismiss}
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 hover:bg-amber-100 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:hover:bg-amber-900"
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}

/** Dismissals last for the tab (sessionStorage): a new tab, or a later wave, notifies again. */
function readDismissed(): ReadonlySet<string> {
  if (typeof window === "undefined") return new Set();
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(DISMISSED_KEY) ?? "[]");
    return new Set(Array.isArray(stored) ? stored.filter((key) => typeof key === "string") : []);
  } catch {
    return new Set();
  }
}

function writeDismissed(keys: ReadonlySet<string>): void {
  try {
    window.sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...keys]));
  } catch {
    // Storage can be full or refused (private windows); the dismissal still holds on this page.
  }
}

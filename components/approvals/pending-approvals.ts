import { queryOptions } from "@tanstack/react-query";
import { api, type RunSummary } from "../runs/queries";
import type { RunView } from "../runs/types";

/** How many waiting runs the notifications ask for; more than a page can show anyway. */
export const WAITING_RUNS_LIMIT = 20;
/** How many notifications stack up before the rest become one link to the filtered list. */
export const SHOWN_NOTIFICATIONS = 3;

/** Runs waiting for a person, in the projects the caller may read (the API filters). */
export const waitingRunsQuery = () =>
  queryOptions({
    queryKey: ["runs", { status: "awaiting_approval", limit: WAITING_RUNS_LIMIT }],
    queryFn: () =>
      api<{ runs: RunSummary[] }>(`/api/v1/runs?status=awaiting_approval&limit=${WAITING_RUNS_LIMIT}`).then(
        (body) => body.runs,
      ),
  });

/** The wave a run waits on, read from the run itself (the runs list does not say which). */
export interface WaitingWave {
  index: number;
  name: string;
  /** Items finished (succeeded or failed) when the run was read, to tell whether it is out of date. */
  finished: number;
}

export function waitingWaveOf(run: RunView): WaitingWave | null {
  const wave =
    run.status === "awaiting_approval" ? run.waves.find((w) => w.status === "awaiting_approval") : null;
  if (!wave) return null;
  const finished = run.stories.filter(
    (story) => story.status === "succeeded" || story.status === "failed",
  ).length;
  return { index: wave.index, name: wave.name, finished };
}

/**
 * Whether the run read for a notification is older than the list that says it waits: it no
 * longer waits, or more items have finished since (a later wave finished between two polls).
 */
export function isWaveBehind(summary: RunSummary, wave: WaitingWave | null): boolean {
  return wave === null || wave.finished !== summary.storiesDone + summary.storiesFailed;
}

export interface ApprovalNotice {
  /** One approval request: a run and its waiting wave. Dismissing hides this one only. */
  key: string;
  runId: string;
  specName: string;
  wave: WaitingWave;
}

export const noticeKey = (runId: string, waveIndex: number) => `${runId}:${waveIndex}`;

/** The run whose own page is open ("/runs/run_…", not its coverage page): it has the banner. */
export function runOfPage(pathname: string): string | null {
  return /^\/runs\/(run_[0-9a-z]+)\/?$/.exec(pathname)?.[1] ?? null;
}

/**
 * The notifications to show: waiting runs whose wave is known, except the run whose page is
 * open and requests this person dismissed.
 */
export function approvalNotices(
  runs: RunSummary[],
  waves: ReadonlyMap<string, WaitingWave | null>,
  { pathname, dismissed }: { pathname: string; dismissed: ReadonlySet<string> },
): ApprovalNotice[] {
  const onPage = runOfPage(pathname);
  const notices: ApprovalNotice[] = [];
  for (const run of runs) {
    const wave = waves.get(run.id);
    if (run.id === onPage || !wave) continue;
    const key = noticeKey(run.id, wave.index);
    if (!dismissed.has(key)) notices.push({ key, runId: run.id, specName: run.specName, wave });
  }
  return notices;
}

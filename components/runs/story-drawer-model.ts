import { evidenceOf } from "./evidence";
import type { EvidenceView, RunView, StepView, StoryView } from "./types";

export const storyStatusLabel: Record<string, string> = {
  pending: "pending",
  queued: "queued",
  running: "running",
  waiting_for_human: "waiting for a person",
  succeeded: "done",
  failed: "failed",
  skipped: "skipped",
};

export interface DrawerStep {
  id: string;
  label: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** Finished steps: their duration; running ones: time so far; null before they start. */
  durationMs: number | null;
  error: string | null;
  summary: string | null;
}

export interface StoryDrawerModel {
  story: StoryView;
  statusLabel: string;
  waveName: string;
  durationMs: number | null;
  steps: DrawerStep[];
  criteria: { text: string; done: boolean }[];
  evidence: EvidenceView | null;
  /** Every file a step reported writing, once each, in the order first reported. */
  files: string[];
  commit: string | null;
  /** What verification printed last. */
  logTail: string | null;
  /** The agent's output: the running step's tail as it arrives, else the last agent step's. */
  agentLog: { step: string; text: string; live: boolean } | null;
}

/** The running step's output when it has printed something, else the latest agent step's. */
export function agentLogOf(story: StoryView): StoryDrawerModel["agentLog"] {
  const agentSteps = story.steps.filter((step) => step.kind !== "verify" && text(step.logTail));
  const step = agentSteps.find((candidate) => candidate.status === "running") ?? agentSteps.at(-1);
  if (!step?.logTail) return null;
  return { step: step.kind.replaceAll("_", " "), text: step.logTail, live: step.status === "running" };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Milliseconds from start to end (or to now while it runs); null when it has not started. */
export function spanMs(startedAt: string | null, finishedAt: string | null, now: number): number | null {
  if (!startedAt) return null;
  const start = Date.parse(startedAt);
  const end = finishedAt ? Date.parse(finishedAt) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : null;
}

/** "850 ms", "12.3 s", "4m 05s", "2h 03m". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0
    ? `${hours}h ${String(minutes).padStart(2, "0")}m`
    : `${minutes}m ${String(seconds).padStart(2, "0")}s`;
}

function stepView(step: StepView, now: number): DrawerStep {
  return {
    id: step.id,
    label: step.kind.replaceAll("_", " "),
    status: step.status,
    attempts: step.attempts,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
    durationMs: spanMs(step.startedAt, step.finishedAt, now),
    error: step.error,
    summary: text(step.result?.summary),
  };
}

/** Everything the drawer shows about one item, or null when the run has no item with that key. */
export function storyDrawerModel(run: RunView, key: string, now: number): StoryDrawerModel | null {
  const story = run.stories.find((candidate) => candidate.key === key);
  if (!story) return null;
  const evidence = evidenceOf(story);
  const files = new Set<string>();
  let commit: string | null = null;
  for (const step of story.steps) {
    for (const file of strings(step.result?.files)) files.add(file);
    commit = text(step.result?.commit) ?? commit;
  }
  for (const file of evidence?.files ?? []) files.add(file);
  return {
    story,
    statusLabel: storyStatusLabel[story.status] ?? story.status,
    waveName: run.waves.find((wave) => wave.index === story.waveIndex)?.name ?? "",
    durationMs: spanMs(story.startedAt, story.finishedAt, now),
    steps: story.steps.map((step) => stepView(step, now)),
    criteria: story.acceptanceCriteria ?? [],
    evidence,
    files: [...files],
    commit: evidence?.commit ?? commit,
    logTail: text(evidence?.outputTail),
    agentLog: agentLogOf(story),
  };
}

/** The `story` search parameter set to a key, or removed; other parameters kept. */
export function withStoryParam(search: string, key: string | null): string {
  const params = new URLSearchParams(search);
  if (key) params.set("story", key);
  else params.delete("story");
  const query = params.toString();
  return query ? `?${query}` : "";
}

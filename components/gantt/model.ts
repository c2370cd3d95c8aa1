import type { RunView, StoryStatus, WaveStatus } from "../runs/types";

/**
 * The Gantt's view model: pure functions from a run to rows and bars, and from time to pixels.
 * Components only draw what these return.
 */
export type BarStatus = StoryStatus | WaveStatus;

export interface GanttBar {
  start: number;
  end: number;
  /** True while the bar is still growing (its end is "now"). */
  open: boolean;
}

export interface GanttRow {
  kind: "wave" | "story";
  id: string;
  label: string;
  title: string;
  status: BarStatus;
  waveIndex: number;
  bar: GanttBar | null;
}

export interface GanttModel {
  rows: GanttRow[];
  start: number;
  end: number;
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

function barFor(startIso: string | null, endIso: string | null, now: number): GanttBar | null {
  const start = time(startIso);
  if (Number.isNaN(start)) return null;
  const end = time(endIso);
  return Number.isNaN(end)
    ? { start, end: Math.max(start, now), open: true }
    : { start, end: Math.max(start, end), open: false };
}

export function buildGanttModel(run: RunView, now: number): GanttModel {
  const rows: GanttRow[] = [];
  for (const wave of [...run.waves].sort((a, b) => a.index - b.index)) {
    rows.push({
      kind: "wave",
      id: wave.id,
      label: `Wave ${wave.index + 1}`,
      title: wave.name,
      status: wave.status,
      waveIndex: wave.index,
      bar: barFor(wave.startedAt, wave.status === "running" ? null : (wave.finishedAt ?? null), now),
    });
    for (const story of run.stories.filter((s) => s.waveIndex === wave.index)) {
      const finalStatus =
        story.status === "succeeded" || story.status === "failed" || story.status === "skipped";
      rows.push({
        kind: "story",
        id: story.id,
        label: story.key,
        title: story.title,
        status: story.status,
        waveIndex: wave.index,
        bar: barFor(story.startedAt, finalStatus ? (story.finishedAt ?? story.startedAt) : null, now),
      });
    }
  }
  const starts = rows.flatMap((row) => (row.bar ? [row.bar.start] : []));
  const ends = rows.flatMap((row) => (row.bar ? [row.bar.end] : []));
  const fallback = time(run.startedAt ?? run.createdAt);
  const start = starts.length > 0 ? Math.min(...starts) : Number.isNaN(fallback) ? now : fallback;
  const end = Math.max(start + 1000, ...ends, run.finishedAt ? start : now);
  return { rows, start, end };
}

/** time → pixels for a track `width` pixels wide. */
export function timeScale(start: number, end: number, width: number): (t: number) => number {
  const span = Math.max(1, end - start);
  return (t) => ((t - start) / span) * width;
}

const tickSteps = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
];

/** Tick offsets (ms from start) so that about `target` ticks fit, on round steps. */
export function timeTicks(start: number, end: number, target = 6): number[] {
  const span = Math.max(1, end - start);
  const step =
    tickSteps.find((candidate) => span / candidate <= target) ??
    Math.ceil(span / target / 3_600_000) * 3_600_000;
  const ticks: number[] = [];
  for (let t = 0; t <= span; t += step) ticks.push(t);
  return ticks;
}

export function formatOffset(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60 ? ` ${seconds % 60}s` : ""}`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

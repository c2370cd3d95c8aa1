/**
 * Time → pixels and the time axis. Labels are offsets from the run's start ("1m 15s") because a
 * PM reads a run as "how long into it", not as wall-clock times.
 */

/** time → pixels for a track `width` pixels wide showing [start, end]. */
export function timeScale(start: number, end: number, width: number): (t: number) => number {
  const span = Math.max(1, end - start);
  return (t) => ((t - start) / span) * width;
}

/** Round steps a person can read; deep zoom reaches 100 ms, wide views whole days. */
const tickSteps = [
  100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];
const day = 86_400_000;

/** The smallest round step that keeps a `span` under about `target` ticks. */
export function tickStep(span: number, target: number): number {
  const wanted = Math.max(1, span) / Math.max(1, target);
  return tickSteps.find((candidate) => candidate >= wanted) ?? Math.ceil(wanted / day) * day;
}

/** Tick offsets (ms from start) so that about `target` ticks fit, on round steps. */
export function timeTicks(start: number, end: number, target = 6): number[] {
  const span = Math.max(1, end - start);
  const step = tickStep(span, target);
  const ticks: number[] = [];
  for (let t = 0; t <= span; t += step) ticks.push(t);
  return ticks;
}

export interface AxisTick {
  /** Absolute time of the tick. */
  at: number;
  /** Offset from the run's start, as shown. */
  label: string;
}

/**
 * Ticks for a window [from, to] that may be zoomed and panned: they stay on round offsets from
 * `origin` (the run's start) so labels do not jitter while panning. About one tick per
 * `minTickPx` pixels of a `width`-pixel track.
 */
export function axisTicks(
  origin: number,
  from: number,
  to: number,
  width: number,
  minTickPx = 90,
): AxisTick[] {
  const span = Math.max(1, to - from);
  const step = tickStep(span, Math.max(2, Math.floor(width / minTickPx)));
  const ticks: AxisTick[] = [];
  const first = Math.ceil((from - origin) / step) * step;
  for (let offset = first; origin + offset <= to; offset += step) {
    ticks.push({ at: origin + offset, label: formatOffset(offset, step < 1000) });
  }
  return ticks;
}

/** "1m 15s", "2h 5m", "-30s" (before the run's start), "1.5s" when `subSecond`. */
export function formatOffset(ms: number, subSecond = false): string {
  if (ms < 0) return `-${formatOffset(-ms, subSecond)}`;
  if (subSecond && ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60 ? ` ${seconds % 60}s` : ""}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${minutes % 60 ? ` ${minutes % 60}m` : ""}`;
  return `${Math.floor(hours / 24)}d${hours % 24 ? ` ${hours % 24}h` : ""}`;
}

/** A duration for people and screen readers: "2m 10s". */
export const formatDuration = (ms: number) => formatOffset(Math.max(0, ms));

/**
 * The engine bench's analysis of a finished run, from the timestamps PostgreSQL kept for its
 * steps: latencies, each queue's slot use and the makespan's lower bound. Pure functions.
 */

export interface RunTimings {
  status: string;
  error: string | null;
  /** Run start → the later of the last step's finish and the run's finish. */
  makespanMs: number;
  /** Run start → its first step queued: creating the run's rows. */
  setupMs: number;
  steps: {
    storyKey: string;
    kind: string;
    queue: string;
    position: number;
    status: string;
    queuedAt: number;
    startedAt: number;
    finishedAt: number;
  }[];
  stories: { key: string; waveIndex: number; dependsOn: string[] }[];
}

/** A row of the bench's closing table. */
export interface Row {
  name: string;
  value: string;
  target: string;
  pass: boolean | null;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** "n/a" when there were no samples (a run that stopped before any dependent started). */
export const millis = (value: number) => (Number.isFinite(value) ? `${value} ms` : "n/a");

/**
 * The p50 and p99 rows of sorted latencies: `name p50 (count)` and `name p99`, with targets when
 * given (both must be met by a run that `ok`).
 */
export function percentileRows(
  name: string,
  sorted: number[],
  targets?: { p50: number; p99: number; ok: boolean },
): Row[] {
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  return [
    {
      name: `${name} p50 (${sorted.length})`,
      value: millis(p50),
      target: targets ? `< ${targets.p50} ms` : "-",
      pass: targets ? targets.ok && p50 < targets.p50 : null,
    },
    {
      name: `${name} p99`,
      value: millis(p99),
      target: targets ? `< ${targets.p99} ms` : "-",
      pass: targets ? targets.ok && p99 < targets.p99 : null,
    },
  ];
}

/** A dependent's dispatch latency; `slotFree` when its queue had a slot free and nothing waiting. */
export interface Dispatch {
  ms: number;
  slotFree: boolean;
}

/**
 * Ready time of each story (dependencies done, and in waves mode the previous wave done) → first
 * step start; `slotFree` when, at its ready time, its queue had a slot free and no step waiting,
 * so the latency is the engine's own and not a wait behind other items.
 */
export function dispatchLatencies(run: RunTimings, waitsForWave: boolean, concurrency: number): Dispatch[] {
  const finishOf = new Map<string, number>();
  const first = new Map<string, RunTimings["steps"][number]>();
  for (const step of run.steps) {
    finishOf.set(step.storyKey, Math.max(finishOf.get(step.storyKey) ?? 0, step.finishedAt));
    if (step.position === 0) first.set(step.storyKey, step);
  }
  const waveEnd = new Map<number, number>();
  for (const story of run.stories) {
    waveEnd.set(story.waveIndex, Math.max(waveEnd.get(story.waveIndex) ?? 0, finishOf.get(story.key) ?? 0));
  }
  const slotFreeAt = (queue: string, at: number) => {
    let running = 0;
    for (const step of run.steps) {
      if (step.queue !== queue) continue;
      if (step.queuedAt < at && at < step.startedAt) return false;
      if (step.startedAt <= at && at < step.finishedAt) running++;
    }
    return running < concurrency;
  };
  const latencies: Dispatch[] = [];
  for (const story of run.stories) {
    if (story.dependsOn.length === 0) continue;
    let ready = Math.max(...story.dependsOn.map((dep) => finishOf.get(dep) ?? Number.NaN));
    if (waitsForWave && story.waveIndex > 0) ready = Math.max(ready, waveEnd.get(story.waveIndex - 1) ?? 0);
    const step = first.get(story.key);
    if (step && Number.isFinite(step.startedAt) && Number.isFinite(ready))
      latencies.push({ ms: step.startedAt - ready, slotFree: slotFreeAt(step.queue, ready) });
  }
  return latencies.sort((a, b) => a.ms - b.ms);
}

/** The latencies (sorted) of the dispatches that found a slot free. */
export function slotFreeLatencies(dispatches: Dispatch[]): number[] {
  return dispatches.filter((dispatch) => dispatch.slotFree).map((dispatch) => dispatch.ms);
}

/** A step finishing → the next step of the same story starting (the pipeline's own hand-off). */
export function handoffLatencies(run: RunTimings): number[] {
  const byStory = new Map<string, RunTimings["steps"]>();
  for (const step of run.steps) byStory.set(step.storyKey, [...(byStory.get(step.storyKey) ?? []), step]);
  const latencies: number[] = [];
  for (const steps of byStory.values()) {
    steps.sort((a, b) => a.position - b.position);
    for (let index = 1; index < steps.length; index++) {
      const previous = steps[index - 1];
      const next = steps[index];
      if (previous && next && Number.isFinite(previous.finishedAt) && Number.isFinite(next.startedAt)) {
        latencies.push(next.startedAt - previous.finishedAt);
      }
    }
  }
  return latencies.sort((a, b) => a - b);
}

/**
 * Where each queue's slot time went, from the steps' timestamps: all slots busy; a slot free while
 * a queued step waited (the engine's own overhead between steps); a slot free with nothing queued
 * (the pipeline had no ready work for it). Shares of the run's makespan, averaged over the slots.
 */
export function slotUse(run: RunTimings, concurrency: number): string {
  const start = Math.min(...run.steps.map((step) => step.queuedAt).filter(Number.isFinite));
  const end = Math.max(...run.steps.map((step) => step.finishedAt).filter(Number.isFinite));
  const lines: string[] = [];
  for (const queue of [...new Set(run.steps.map((step) => step.queue))].sort()) {
    const steps = run.steps.filter((step) => step.queue === queue && Number.isFinite(step.finishedAt));
    let busy = 0;
    let waiting = 0;
    let starved = 0;
    for (let t = start; t < end; t += 1) {
      let running = 0;
      let queued = 0;
      for (const step of steps) {
        if (step.startedAt <= t && t < step.finishedAt) running++;
        else if (step.queuedAt <= t && t < step.startedAt) queued++;
      }
      const free = concurrency - Math.min(concurrency, running);
      busy += concurrency - free;
      if (queued > 0) waiting += Math.min(free, queued);
      starved += free - (queued > 0 ? Math.min(free, queued) : 0);
    }
    const share = (value: number) => `${((100 * value) / ((end - start) * concurrency)).toFixed(0)}%`;
    lines.push(
      `${queue}: busy ${share(busy)}, free with a step waiting ${share(waiting)}, free with none ${share(starved)}`,
    );
  }
  return `  slot time: ${lines.join("; ")}`;
}

/** max(critical path, work per queue / concurrency), counting each step as the agent's duration. */
export function makespanLowerBound(
  run: RunTimings,
  stepMs: number,
  concurrency: number,
): { bound: number; criticalPath: number; work: number } {
  const stepsPerStory = new Map<string, number>();
  const workPerQueue = new Map<string, number>();
  for (const step of run.steps) {
    stepsPerStory.set(step.storyKey, (stepsPerStory.get(step.storyKey) ?? 0) + 1);
    workPerQueue.set(step.queue, (workPerQueue.get(step.queue) ?? 0) + stepMs);
  }
  const byKey = new Map(run.stories.map((story) => [story.key, story]));
  const longest = new Map<string, number>();
  const chain = (key: string): number => {
    const known = longest.get(key);
    if (known !== undefined) return known;
    const story = byKey.get(key);
    const own = (stepsPerStory.get(key) ?? 0) * stepMs;
    const value = own + Math.max(0, ...(story?.dependsOn ?? []).map(chain));
    longest.set(key, value);
    return value;
  };
  const criticalPath = Math.max(...run.stories.map((story) => chain(story.key)));
  const work = [...workPerQueue.values()].reduce((sum, value) => sum + value, 0);
  const perQueue = Math.max(...[...workPerQueue.values()].map((value) => value / concurrency));
  return { bound: Math.max(criticalPath, perQueue), criticalPath, work };
}

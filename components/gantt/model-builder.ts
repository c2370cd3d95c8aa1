import type { RunView, StoryView } from "../runs/types";
import {
  type GanttBar,
  type GanttModel,
  type GanttRow,
  type GateView,
  groupByWave,
  isSettled,
  storyRow,
  time,
  waveBar,
  waveRow,
} from "./model";

/**
 * Rows for a whole run: a wave row, then its stories, wave by wave. At 200 events a second on a
 * 5,000-item run, rebuilding every row each frame is most of a frame's budget, so the builder
 * remembers its last result and, when only some stories changed (the usual live event), patches
 * those rows and the ones still growing with the clock. Anything else rebuilds from scratch;
 * either way the result equals a fresh build (tested).
 */
export type GanttModelBuilder = (run: RunView, now: number, gates?: GateView[]) => GanttModel;

interface BuiltModel {
  run: RunView;
  gates: GateView[];
  model: GanttModel;
  /** Row index of each run.stories[i], or -1 when its wave is missing. */
  storyRowIndex: Int32Array;
  /** 1 where run.stories[i]'s row is settled (see isSettled). */
  settled: Uint8Array;
  /** Row indices of wave rows. */
  waveRowIndices: number[];
  /** Extent of the settled story rows, which no later patch can move. */
  settledStart: number;
  settledEnd: number;
}

const noGates: GateView[] = [];

function finish(run: RunView, now: number, start: number, end: number) {
  let from = start;
  if (!Number.isFinite(from)) {
    const fallback = time(run.startedAt ?? run.createdAt);
    from = Number.isNaN(fallback) ? now : fallback;
  }
  return { start: from, end: Math.max(from + 1000, end, run.finishedAt ? from : now) };
}

function buildFresh(run: RunView, now: number, gates: GateView[]): BuiltModel {
  const rows: GanttRow[] = [];
  const rowIndexByKey = new Map<string, number>();
  const storyRowIndex = new Int32Array(run.stories.length).fill(-1);
  const settled = new Uint8Array(run.stories.length);
  const waveRowIndices: number[] = [];
  const storyIndicesByWave = groupByWave(
    run.stories.map((story, index) => ({ waveIndex: story.waveIndex, index })),
  );
  const approvalsByWave = groupByWave(run.approvals);
  const gatesByWave = groupByWave(gates);
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let settledStart = Number.POSITIVE_INFINITY;
  let settledEnd = Number.NEGATIVE_INFINITY;
  const extend = (bar: GanttBar | null) => {
    if (!bar) return;
    start = Math.min(start, bar.start);
    end = Math.max(end, bar.end);
  };

  for (const wave of [...run.waves].sort((a, b) => a.index - b.index)) {
    const row = waveRow(wave, approvalsByWave.get(wave.index) ?? [], gatesByWave.get(wave.index) ?? [], now);
    waveRowIndices.push(rows.length);
    rows.push(row);
    extend(row.bar);
    for (const { index } of storyIndicesByWave.get(wave.index) ?? []) {
      const row = storyRow(run.stories[index] as StoryView, now);
      storyRowIndex[index] = rows.length;
      rowIndexByKey.set(row.label, rows.length);
      rows.push(row);
      extend(row.bar);
      settled[index] = isSettled(row) ? 1 : 0;
      if (row.bar && settled[index] === 1) {
        settledStart = Math.min(settledStart, row.bar.start);
        settledEnd = Math.max(settledEnd, row.bar.end);
      }
    }
  }
  const model = { rows, rowIndexByKey, ...finish(run, now, start, end) };
  return { run, gates, model, storyRowIndex, settled, waveRowIndices, settledStart, settledEnd };
}

/** Patches `previous` for `run`, or returns null when the change is not a story-level patch. */
function patch(previous: BuiltModel, run: RunView, now: number, gates: GateView[]): BuiltModel | null {
  const before = previous.run;
  if (run.waves !== before.waves || run.approvals !== before.approvals || gates !== previous.gates)
    return null;
  if (run.stories.length !== before.stories.length) return null;

  const rows = previous.model.rows.slice();
  const settled = previous.settled.slice();
  let start = previous.settledStart;
  let end = previous.settledEnd;
  let settledStart = previous.settledStart;
  let settledEnd = previous.settledEnd;

  for (let index = 0; index < run.stories.length; index++) {
    const rowIndex = previous.storyRowIndex[index] ?? -1;
    if (rowIndex < 0) continue;
    const story = run.stories[index] as StoryView;
    const old = rows[rowIndex] as GanttRow;
    // Rows that cannot change: the same story object, and nothing in the row grows with time.
    const oldSettled = previous.settled[index] === 1;
    if (oldSettled && story === before.stories[index]) continue;
    // A new key or wave moves rows; a settled bar that changes (a retry) may shrink the extent.
    if (story.key !== old.label || story.waveIndex !== old.waveIndex || (oldSettled && old.bar)) return null;
    const row = storyRow(story, now);
    rows[rowIndex] = row;
    const settledNow = isSettled(row);
    settled[index] = settledNow ? 1 : 0;
    if (!row.bar) continue;
    if (settledNow) {
      settledStart = Math.min(settledStart, row.bar.start);
      settledEnd = Math.max(settledEnd, row.bar.end);
    }
    start = Math.min(start, row.bar.start);
    end = Math.max(end, row.bar.end);
  }

  const wavesByIndex = [...run.waves].sort((a, b) => a.index - b.index);
  previous.waveRowIndices.forEach((rowIndex, order) => {
    const old = rows[rowIndex];
    const wave = wavesByIndex[order];
    if (old?.kind !== "wave" || !wave) return;
    const row = isSettled(old) ? old : { ...old, bar: waveBar(wave, now) };
    rows[rowIndex] = row;
    if (!row.bar) return;
    start = Math.min(start, row.bar.start);
    end = Math.max(end, row.bar.end);
  });

  const model = { rows, rowIndexByKey: previous.model.rowIndexByKey, ...finish(run, now, start, end) };
  return { ...previous, run, model, settled, settledStart, settledEnd };
}

export function createGanttModelBuilder(): GanttModelBuilder {
  let previous: BuiltModel | null = null;
  return (run, now, gates = noGates) => {
    previous = (previous && patch(previous, run, now, gates)) ?? buildFresh(run, now, gates);
    return previous.model;
  };
}

/** Rows grouped by wave, bars up to `now` for what still runs: a one-off build. */
export function buildGanttModel(run: RunView, now: number, gates: GateView[] = noGates): GanttModel {
  return buildFresh(run, now, gates).model;
}

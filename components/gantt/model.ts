import type { ApprovalView, StepView, StoryStatus, StoryView, WaveStatus, WaveView } from "../runs/types";

/**
 * The Gantt's view model: pure functions from a run's parts to rows, bars, step segments and wave
 * markers. model-builder.ts assembles them into rows for a whole run; time → pixels is in time-axis.ts.
 */
export type BarStatus = StoryStatus | WaveStatus;
export type StepStatus = "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped";
export type SegmentKind = "test" | "implement" | "review" | "verify";

export interface GanttBar {
  start: number;
  end: number;
  /** True while the bar is still growing (its end is "now"). */
  open: boolean;
}

export interface GanttSegment extends GanttBar {
  kind: SegmentKind;
  /** What the step was, for labels: "review (spec)". */
  label: string;
  status: StepStatus;
}

export interface GateView {
  waveIndex: number;
  name: string;
  status: string;
  at: string;
}

export interface GanttMarker {
  kind: "approval" | "gate";
  at: number;
  /** Shown as the marker's text and accessible name. */
  label: string;
  status: string;
}

interface RowBase {
  id: string;
  label: string;
  title: string;
  waveIndex: number;
  bar: GanttBar | null;
}

export interface GanttWaveRow extends RowBase {
  kind: "wave";
  status: WaveStatus;
  markers: GanttMarker[];
}

export interface GanttStoryRow extends RowBase {
  kind: "story";
  status: StoryStatus;
  dependsOn: string[];
  segments: GanttSegment[];
}

export type GanttRow = GanttWaveRow | GanttStoryRow;

export interface GanttModel {
  rows: GanttRow[];
  /** Row index of each story key, for arrows and keyboard moves. */
  rowIndexByKey: Map<string, number>;
  start: number;
  end: number;
}

export const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

export function barFor(startIso: string | null, endIso: string | null, now: number): GanttBar | null {
  const start = time(startIso);
  if (Number.isNaN(start)) return null;
  const end = time(endIso);
  return Number.isNaN(end)
    ? { start, end: Math.max(start, now), open: true }
    : { start, end: Math.max(start, end), open: false };
}

const segmentKinds: Record<string, { kind: SegmentKind; label: string }> = {
  test_author: { kind: "test", label: "test authoring" },
  implement: { kind: "implement", label: "implement" },
  review_spec: { kind: "review", label: "review (spec)" },
  review_quality: { kind: "review", label: "review (quality)" },
  verify: { kind: "verify", label: "verify" },
};

const finalStepStatuses = new Set(["succeeded", "failed", "skipped"]);
const knownStepStatuses = new Set(["pending", "queued", "running", ...finalStepStatuses]);

/** A story's started steps as bar segments, in time order. Steps that never started have no extent. */
export function stepSegments(steps: StepView[], now: number): GanttSegment[] {
  const segments: GanttSegment[] = [];
  for (const step of steps) {
    const status = (knownStepStatuses.has(step.status) ? step.status : "pending") as StepStatus;
    // A final step without a finish time (an old event) is drawn as a point, not as growing.
    const end = finalStepStatuses.has(status) ? (step.finishedAt ?? step.startedAt) : null;
    const bar = barFor(step.startedAt, end, now);
    if (!bar) continue;
    const kind = segmentKinds[step.kind] ?? { kind: "implement" as const, label: step.kind };
    segments.push({ ...bar, ...kind, status });
  }
  return segments.sort((a, b) => a.start - b.start);
}

/** Approvals and gates of one wave as markers, in time order. */
export function waveMarkers(approvals: ApprovalView[], gates: GateView[]): GanttMarker[] {
  const markers: GanttMarker[] = [];
  for (const approval of approvals) {
    const at = time(approval.at);
    if (Number.isNaN(at)) continue;
    const verb = approval.decision === "continue" ? "Approved" : "Paused";
    markers.push({
      kind: "approval",
      at,
      label: `${verb} by ${approval.decidedBy}`,
      status: approval.decision,
    });
  }
  for (const gate of gates) {
    const at = time(gate.at);
    if (Number.isNaN(at)) continue;
    markers.push({ kind: "gate", at, label: `Gate ${gate.name}: ${gate.status}`, status: gate.status });
  }
  return markers.sort((a, b) => a.at - b.at);
}

export function groupByWave<T extends { waveIndex: number }>(items: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(item.waveIndex);
    if (group) group.push(item);
    else groups.set(item.waveIndex, [item]);
  }
  return groups;
}

const finalStoryStatuses = new Set<StoryStatus>(["succeeded", "failed", "skipped"]);

/**
 * Rows that no longer depend on `now` (finished, or not started) are cached by story object. Live
 * events replace only the story they touch, so a frame rebuilds the few running rows and reuses
 * the rest, and memoised row components skip re-rendering them.
 */
const settledRows = new WeakMap<StoryView, GanttStoryRow>();

export function storyRow(story: StoryView, now: number): GanttStoryRow {
  const cached = settledRows.get(story);
  if (cached) return cached;
  const row = computeStoryRow(story, now);
  if (isSettled(row)) settledRows.set(story, row);
  return row;
}

/** A settled row does not change with the clock: nothing in it is still growing. */
export function isSettled(row: GanttRow): boolean {
  return !row.bar?.open && (row.kind === "wave" || !row.segments.some((segment) => segment.open));
}

export function waveRow(
  wave: WaveView,
  approvals: ApprovalView[],
  gates: GateView[],
  now: number,
): GanttWaveRow {
  return {
    kind: "wave",
    id: wave.id,
    label: `Wave ${wave.index + 1}`,
    title: wave.name,
    status: wave.status,
    waveIndex: wave.index,
    bar: waveBar(wave, now),
    markers: waveMarkers(approvals, gates),
  };
}

/** A running wave grows up to now; a wave awaiting approval stays open until it is decided. */
export const waveBar = (wave: WaveView, now: number) =>
  barFor(wave.startedAt, wave.status === "running" ? null : (wave.finishedAt ?? null), now);

function computeStoryRow(story: StoryView, now: number): GanttStoryRow {
  const final = finalStoryStatuses.has(story.status);
  return {
    kind: "story",
    id: story.id,
    label: story.key,
    title: story.title,
    status: story.status,
    waveIndex: story.waveIndex,
    dependsOn: story.dependsOn,
    bar: barFor(story.startedAt, final ? (story.finishedAt ?? story.startedAt) : null, now),
    segments: stepSegments(story.steps, now),
  };
}

import type { BarStatus, SegmentKind, StepStatus } from "./model";

/**
 * Colour plus a text label and a pattern, so colour is never the only signal: failed is hatched,
 * pending is hollow, running has a dashed edge, and every bar names its state in text.
 */
const hatch =
  "bg-[repeating-linear-gradient(45deg,transparent,transparent_4px,rgba(0,0,0,.3)_4px,rgba(0,0,0,.3)_8px)]";

interface BarStyle {
  bar: string;
  label: string;
}

// Declared apart from its type so states the engine adds later (or has not landed yet) can be
// styled ahead of the types; the annotation below still fails the build for any state left out.
const barStyles = {
  pending: { bar: "border border-dashed border-slate-500 bg-slate-200 dark:bg-slate-700", label: "pending" },
  queued: { bar: "border border-dashed border-sky-700 bg-sky-200 dark:bg-sky-800", label: "queued" },
  running: {
    bar: "bg-blue-500 border-r-2 border-dashed border-blue-900 dark:border-blue-200",
    label: "running",
  },
  awaiting_approval: { bar: "bg-amber-400 border border-amber-700", label: "awaiting approval" },
  waiting_for_human: {
    bar: "bg-violet-300 border border-dashed border-violet-800",
    label: "waiting for a person",
  },
  gating: { bar: "bg-indigo-400 border-r-2 border-dashed border-indigo-900", label: "gates running" },
  succeeded: { bar: "bg-emerald-500", label: "done" },
  passed: { bar: "bg-emerald-600", label: "passed" },
  failed: { bar: `bg-red-500 ${hatch}`, label: "failed" },
  skipped: { bar: "bg-slate-400 opacity-70", label: "skipped" },
} satisfies Record<string, BarStyle>;

export const statusStyle: Record<BarStatus, BarStyle> = barStyles;

export const stepStyle: Record<StepStatus, { segment: string; label: string }> = {
  pending: { segment: "bg-slate-200 dark:bg-slate-700", label: "pending" },
  queued: { segment: "bg-sky-200 dark:bg-sky-800", label: "queued" },
  running: { segment: "bg-blue-500 text-white", label: "running" },
  succeeded: { segment: "bg-emerald-500 text-emerald-950", label: "done" },
  failed: { segment: `bg-red-500 text-white ${hatch}`, label: "failed" },
  skipped: { segment: "bg-slate-400 text-slate-900 opacity-70", label: "skipped" },
};

/** One letter drawn inside a segment wide enough for it, so steps are told apart without colour. */
export const segmentLetter: Record<SegmentKind, string> = {
  test: "T",
  implement: "I",
  review: "R",
  verify: "V",
};

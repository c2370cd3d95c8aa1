import type { BarStatus } from "./model";

/** Colour plus a text label and a pattern, so colour is never the only signal. */
export const statusStyle: Record<BarStatus, { bar: string; label: string }> = {
  pending: { bar: "bg-slate-300 dark:bg-slate-600", label: "pending" },
  queued: { bar: "bg-sky-300 dark:bg-sky-700", label: "queued" },
  running: { bar: "bg-blue-500 animate-pulse", label: "running" },
  awaiting_approval: { bar: "bg-amber-400", label: "awaiting approval" },
  succeeded: { bar: "bg-emerald-500", label: "done" },
  passed: { bar: "bg-emerald-600", label: "passed" },
  failed: {
    bar: "bg-red-500 bg-[repeating-linear-gradient(45deg,transparent,transparent_4px,rgba(0,0,0,.25)_4px,rgba(0,0,0,.25)_8px)]",
    label: "failed",
  },
  skipped: { bar: "bg-slate-400", label: "skipped" },
};

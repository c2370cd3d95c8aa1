"use client";

import type { CriticalPath } from "./critical-path";
import { statusStyle } from "./status-style";
import { formatDuration } from "./time-axis";

interface GanttToolbarProps {
  paused: boolean;
  waiting: number;
  fitted: boolean;
  critical: CriticalPath;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onToggleLive: () => void;
}

const button =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800 dark:focus-visible:outline-blue-300";

const legend = (["running", "succeeded", "failed", "pending"] as const).map((status) => ({
  status,
  ...statusStyle[status],
}));

export function GanttToolbar(props: GanttToolbarProps) {
  const { paused, waiting, critical } = props;
  return (
    <div role="toolbar" aria-label="Gantt view" className="flex flex-wrap items-center gap-2 p-2">
      <button
        type="button"
        className={button}
        onClick={props.onZoomIn}
        aria-label="Zoom in"
        title="Zoom in (+)"
      >
        +
      </button>
      <button
        type="button"
        className={button}
        onClick={props.onZoomOut}
        aria-label="Zoom out"
        title="Zoom out (−)"
      >
        −
      </button>
      <button
        type="button"
        className={button}
        onClick={props.onFit}
        disabled={props.fitted}
        title="Fit the whole run (0)"
      >
        Fit
      </button>
      {/* The button says what it will do; the text beside it says what the view is. */}
      <button type="button" className={button} onClick={props.onToggleLive} data-testid="gantt-live-toggle">
        {paused ? "Resume live" : "Pause"}
      </button>
      <span
        className={`min-w-44 text-sm ${paused ? "font-medium text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-300"}`}
        data-testid="gantt-live-state"
        data-paused={paused}
      >
        {paused ? "❚❚ Paused" : "● Live"}
        {/* Not a live region: at 200 events a second it would talk over everything. */}
        <span data-testid="gantt-waiting">
          {paused ? ` · ${waiting} update${waiting === 1 ? "" : "s"} waiting` : ""}
        </span>
      </span>
      <span
        className="ml-auto min-w-52 text-xs tabular-nums text-slate-600 dark:text-slate-300"
        data-testid="gantt-critical-path"
      >
        <span className="text-fuchsia-700 dark:text-fuchsia-300">◆</span> Critical path:{" "}
        {critical.keys.length
          ? `${critical.keys.length} item${critical.keys.length > 1 ? "s" : ""}, ${formatDuration(critical.duration)}`
          : "none yet"}
      </span>
      <ul aria-label="Legend" className="flex gap-3 text-xs text-slate-600 dark:text-slate-300">
        {legend.map((entry) => (
          <li key={entry.status} className="flex items-center gap-1">
            <span aria-hidden="true" className={`inline-block h-3 w-5 rounded-sm ${entry.bar}`} />
            {entry.label}
          </li>
        ))}
        <li>T/I/R/V: test, implement, review, verify</li>
        <li>◆ approval ▲ gate</li>
      </ul>
    </div>
  );
}

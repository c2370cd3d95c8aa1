"use client";

import type { Ref } from "react";
import { rowGrid } from "./gantt-rows";
import { axisTicks } from "./time-axis";

/** Header row: column titles and the time axis. Sticky inside the scroller so columns line up. */
export const axisHeight = 28;

interface GanttAxisProps {
  origin: number;
  from: number;
  to: number;
  trackWidth: number;
  trackRef: Ref<HTMLDivElement>;
}

export function GanttAxis({ origin, from, to, trackWidth, trackRef }: GanttAxisProps) {
  const span = Math.max(1, to - from);
  const ticks = trackWidth > 0 ? axisTicks(origin, from, to, trackWidth) : [];
  return (
    <div
      aria-hidden="true"
      className={`sticky top-0 z-20 ${rowGrid} border-b border-slate-200 bg-white text-xs text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-400`}
      style={{ height: axisHeight }}
    >
      <div className="px-3 py-1.5">Item</div>
      <div ref={trackRef} className="relative overflow-hidden">
        {ticks.map((tick) => (
          <span
            key={tick.at}
            className="absolute top-1.5 border-l border-slate-300 pl-1 whitespace-nowrap dark:border-slate-600"
            style={{ left: ((tick.at - from) / span) * trackWidth }}
          >
            {tick.label}
          </span>
        ))}
      </div>
      <div className="px-3 py-1.5">Status</div>
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";
import type { RunView } from "../runs/types";
import { buildGanttModel, formatOffset, timeScale, timeTicks } from "./model";
import { statusStyle } from "./status-style";

const trackWidth = 720;

/** The live Gantt: a row per wave and per story, bars that grow while they run. */
export function Gantt({ run }: { run: RunView }) {
  const live = run.status === "running" || run.status === "pending";
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [live]);

  const model = buildGanttModel(run, now);
  const x = timeScale(model.start, model.end, trackWidth);
  const ticks = timeTicks(model.start, model.end);

  return (
    <section
      aria-label="Gantt of waves and stories"
      className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700"
    >
      <div className="min-w-[1130px]">
        <div className="flex border-b border-slate-200 text-xs text-slate-500 dark:border-slate-700">
          <div className="w-64 shrink-0 px-3 py-1">Item</div>
          <div className="relative h-6" style={{ width: trackWidth }}>
            {ticks.map((tick) => (
              <span key={tick} className="absolute top-1" style={{ left: x(model.start + tick) }}>
                {formatOffset(tick)}
              </span>
            ))}
          </div>
          <div className="w-36 shrink-0 px-3 py-1">Status</div>
        </div>
        <ul>
          {model.rows.map((row) => {
            const style = statusStyle[row.status];
            const left = row.bar ? x(row.bar.start) : 0;
            const width = row.bar ? Math.max(4, x(row.bar.end) - x(row.bar.start)) : 0;
            return (
              <li
                key={row.id}
                data-testid={row.kind === "wave" ? `wave-row-${row.waveIndex}` : `story-row-${row.label}`}
                data-status={row.status}
                className={`flex items-center border-b border-slate-100 dark:border-slate-800 ${row.kind === "wave" ? "bg-slate-50 font-semibold dark:bg-slate-900" : ""}`}
              >
                <div className="flex w-64 shrink-0 items-center gap-2 px-3 py-1.5 text-sm">
                  <span className={row.kind === "story" ? "pl-3 font-mono" : ""}>{row.label}</span>
                  <span className="truncate text-slate-500" title={row.title}>
                    {row.title}
                  </span>
                </div>
                <div className="relative h-7" style={{ width: trackWidth }}>
                  {row.bar ? (
                    <div
                      data-testid={row.kind === "story" ? `bar-${row.label}` : `wave-bar-${row.waveIndex}`}
                      data-status={row.status}
                      title={`${row.label}: ${style.label}`}
                      className={`absolute top-1.5 h-4 rounded ${style.bar}`}
                      style={{ left, width }}
                    />
                  ) : null}
                </div>
                <div className="w-36 shrink-0 px-3 text-xs text-slate-600 dark:text-slate-300">
                  {style.label}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

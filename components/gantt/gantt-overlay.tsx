"use client";

import { rowGrid } from "./gantt-rows";

/** Now-line and dependency arrows, drawn over the track column of the scrolled rows. */
interface GanttOverlayProps {
  height: number;
  nowX: number | null;
  arrows: { from: string; to: string; points: string }[];
}

export function GanttOverlay({ height, nowX, arrows }: GanttOverlayProps) {
  return (
    <div
      aria-hidden="true"
      className={`pointer-events-none absolute inset-x-0 top-0 z-10 ${rowGrid}`}
      style={{ height }}
    >
      <div />
      <div className="relative overflow-hidden">
        {nowX !== null ? (
          <div
            data-testid="gantt-now-line"
            className="absolute inset-y-0 w-0.5 bg-rose-600 dark:bg-rose-400"
            style={{ left: nowX }}
          />
        ) : null}
        {arrows.length > 0 ? (
          <svg
            className="absolute inset-0 h-full w-full overflow-visible"
            data-testid="gantt-dependency-arrows"
          >
            <title>Dependency arrows</title>
            <defs>
              <marker
                id="gantt-arrowhead"
                viewBox="0 0 6 6"
                refX="6"
                refY="3"
                markerWidth="6"
                markerHeight="6"
                orient="auto"
              >
                <path d="M0,0 L6,3 L0,6 z" className="fill-slate-700 dark:fill-slate-200" />
              </marker>
            </defs>
            {arrows.map((arrow) => (
              <polyline
                key={`${arrow.from}-${arrow.to}`}
                points={arrow.points}
                fill="none"
                strokeWidth={1.5}
                markerEnd="url(#gantt-arrowhead)"
                className="stroke-slate-700 dark:stroke-slate-200"
              />
            ))}
          </svg>
        ) : null}
      </div>
    </div>
  );
}

"use client";

import { type GanttPlanInput, planGantt } from "./plan-gantt";

/** Draws planGantt's layout: wave columns, a bar per item, the critical path in a stronger colour. */
export function PlanGanttChart({ plan }: { plan: GanttPlanInput }) {
  const model = planGantt(plan);
  if (model.columns.length === 0) return null;
  return (
    <figure data-testid="plan-gantt" className="space-y-1">
      <figcaption className="text-sm font-semibold">Gantt preview</figcaption>
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-label={model.summary}
          width={model.width}
          height={model.height}
          viewBox={`0 0 ${model.width} ${model.height}`}
          className="font-mono text-[10px]"
        >
          {model.columns.map((column, position) => (
            <g key={column.index}>
              <rect
                x={column.x}
                y={0}
                width={column.width}
                height={model.height}
                className={position % 2 === 0 ? "fill-slate-100 dark:fill-slate-800" : "fill-transparent"}
              />
              <text x={column.x + 4} y={14} className="fill-slate-600 dark:fill-slate-300">
                Wave {column.label}
                <title>{`Wave ${column.label}: ${column.name}`}</title>
              </text>
            </g>
          ))}
          {model.bars.map((bar) => (
            <g key={bar.id} data-testid="gantt-bar" data-item={bar.id} data-wave={bar.waveIndex}>
              <text x={4} y={bar.y + bar.height - 3} className="fill-slate-700 dark:fill-slate-200">
                {bar.id.length > 10 ? `${bar.id.slice(0, 9)}…` : bar.id}
              </text>
              <rect
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
                rx={3}
                className={bar.critical ? "fill-blue-600" : "fill-blue-300 dark:fill-blue-800"}
              >
                <title>{`${bar.id} ${bar.title}${bar.critical ? " (critical path)" : ""}`}</title>
              </rect>
            </g>
          ))}
        </svg>
      </div>
      {model.hiddenItems > 0 ? (
        <p className="text-xs text-slate-500">
          {model.hiddenItems} more {model.hiddenItems === 1 ? "item is" : "items are"} in the waves table
          above.
        </p>
      ) : null}
    </figure>
  );
}

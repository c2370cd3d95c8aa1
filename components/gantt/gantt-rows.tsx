"use client";

import { memo } from "react";
import { barBox, segmentBoxes } from "./bar-geometry";
import type { GanttMarker, GanttStoryRow, GanttWaveRow } from "./model";
import { segmentLetter, statusStyle, stepStyle } from "./status-style";
import { formatDuration, formatOffset } from "./time-axis";

/** Fixed row height: the windowing maths depends on it, and bars updating never shift the layout. */
export const rowHeight = 32;
export const rowGrid = "grid grid-cols-[16rem_minmax(0,1fr)_9rem]";

interface TrackProps {
  /** Visible window and track width: primitives, so memoised rows skip re-rendering on equal values. */
  from: number;
  to: number;
  trackWidth: number;
  index: number;
  rowCount: number;
}

const scale = (from: number, to: number, width: number) => (t: number) =>
  ((t - from) / Math.max(1, to - from)) * width;

function rowPosition(index: number) {
  return { top: index * rowHeight, height: rowHeight };
}

interface StoryRowProps extends TrackProps {
  row: GanttStoryRow;
  critical: boolean;
  /** The one bar in the tab order (roving tabindex). */
  tabbable: boolean;
}

function storyBarLabel(row: GanttStoryRow, critical: boolean): string {
  const parts = [`${row.label} ${row.title}: ${statusStyle[row.status].label}`];
  if (row.bar) parts.push(formatDuration(row.bar.end - row.bar.start));
  for (const segment of row.segments) parts.push(`${segment.label} ${stepStyle[segment.status].label}`);
  if (row.dependsOn.length > 0) parts.push(`depends on ${row.dependsOn.join(", ")}`);
  if (critical) parts.push("on the critical path");
  return parts.join("; ");
}

export const StoryRow = memo(function StoryRow({
  row,
  critical,
  tabbable,
  from,
  to,
  trackWidth,
  index,
  rowCount,
}: StoryRowProps) {
  const style = statusStyle[row.status];
  const x = scale(from, to, trackWidth);
  const box = row.bar && trackWidth > 0 ? barBox(row.bar, x, trackWidth) : null;
  const runningStep = row.segments.findLast((segment) => segment.status === "running");
  const barLabel = storyBarLabel(row, critical);
  return (
    <li
      aria-posinset={index + 1}
      aria-setsize={rowCount}
      data-testid={`story-row-${row.label}`}
      data-status={row.status}
      className={`absolute inset-x-0 ${rowGrid} items-center border-b border-slate-100 dark:border-slate-800`}
      style={rowPosition(index)}
    >
      <div className="flex min-w-0 items-center gap-2 px-3 text-sm">
        <span
          className="w-3 shrink-0 text-fuchsia-700 dark:text-fuchsia-300"
          title={critical ? "On the critical path" : undefined}
        >
          {critical ? "◆" : ""}
        </span>
        <span className="font-mono">{row.label}</span>
        <span className="truncate text-slate-500 dark:text-slate-400" title={row.title}>
          {row.title}
        </span>
      </div>
      <div className="relative h-full overflow-hidden">
        {box && row.bar ? (
          <button
            type="button"
            data-testid={`bar-${row.label}`}
            data-bar-key={row.label}
            data-status={row.status}
            data-critical={critical || undefined}
            tabIndex={tabbable ? 0 : -1}
            aria-label={barLabel}
            title={barLabel}
            className={`absolute top-2 h-4 cursor-pointer overflow-hidden rounded-sm focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-blue-700 focus-visible:ring-offset-2 dark:focus-visible:ring-blue-300 dark:focus-visible:ring-offset-slate-950 ${row.segments.length ? "bg-slate-100 dark:bg-slate-800" : style.bar} ${critical ? "outline-2 outline-offset-1 outline-fuchsia-600 outline-solid dark:outline-fuchsia-400" : ""}`}
            style={{ left: box.left, width: box.width }}
          >
            {segmentBoxes(row.segments, x, box).map(({ left, width, segment }) => (
              <span
                key={`${segment.label}-${segment.start}`}
                aria-hidden="true"
                className={`absolute inset-y-0 flex items-center justify-center border-r border-white/60 text-[10px] font-semibold leading-none dark:border-slate-950/60 ${stepStyle[segment.status].segment}`}
                style={{ left, width }}
              >
                {width >= 12 ? segmentLetter[segment.kind] : ""}
              </span>
            ))}
          </button>
        ) : (
          // Not started: no bar yet, but a keyboard user can still reach and open the item.
          <button
            type="button"
            data-bar-key={row.label}
            data-status={row.status}
            tabIndex={tabbable ? 0 : -1}
            aria-label={barLabel}
            title={`${row.label}: not started`}
            className={`absolute top-2 left-1 h-4 w-3 cursor-pointer rounded-sm border border-dashed border-slate-400 focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-blue-700 dark:border-slate-500 dark:focus-visible:ring-blue-300`}
          />
        )}
      </div>
      <div className="truncate px-3 text-xs text-slate-600 dark:text-slate-300">
        {style.label}
        {runningStep && row.status === "running" ? ` · ${runningStep.label}` : ""}
      </div>
    </li>
  );
});

interface WaveRowProps extends TrackProps {
  row: GanttWaveRow;
  /** The run's start, for marker times read like the axis ("1h 5m" into the run). */
  origin: number;
}

const markerGlyph: Record<GanttMarker["kind"], string> = { approval: "◆", gate: "▲" };

export const WaveRow = memo(function WaveRow({
  row,
  origin,
  from,
  to,
  trackWidth,
  index,
  rowCount,
}: WaveRowProps) {
  const style = statusStyle[row.status];
  const x = scale(from, to, trackWidth);
  const box = row.bar && trackWidth > 0 ? barBox(row.bar, x, trackWidth) : null;
  return (
    <li
      aria-posinset={index + 1}
      aria-setsize={rowCount}
      aria-label={`${row.label} ${row.title}: ${style.label}`}
      data-testid={`wave-row-${row.waveIndex}`}
      data-status={row.status}
      className={`absolute inset-x-0 ${rowGrid} items-center border-b border-slate-200 bg-slate-50 font-semibold dark:border-slate-700 dark:bg-slate-900`}
      style={rowPosition(index)}
    >
      <div className="flex min-w-0 items-center gap-2 px-3 text-sm">
        <span>{row.label}</span>
        <span className="truncate font-normal text-slate-500 dark:text-slate-400" title={row.title}>
          {row.title}
        </span>
      </div>
      <div className="relative h-full overflow-hidden">
        {box ? (
          <div
            data-testid={`wave-bar-${row.waveIndex}`}
            data-status={row.status}
            aria-hidden="true"
            className={`absolute top-3 h-2 rounded-sm opacity-60 ${style.bar}`}
            style={{ left: box.left, width: box.width }}
          />
        ) : null}
        {row.markers.map((marker) => {
          const left = x(marker.at);
          if (left < -8 || left > trackWidth + 8) return null;
          return (
            <span
              key={`${marker.kind}-${marker.at}-${marker.label}`}
              role="img"
              aria-label={marker.label}
              title={`${marker.label}, ${formatOffset(marker.at - origin)} into the run`}
              data-testid={`wave-marker-${row.waveIndex}-${marker.kind}`}
              className={`absolute top-1.5 -translate-x-1/2 text-sm leading-none ${marker.kind === "gate" && marker.status === "failed" ? "text-red-700 dark:text-red-400" : "text-slate-800 dark:text-slate-100"}`}
              style={{ left }}
            >
              {markerGlyph[marker.kind]}
            </span>
          );
        })}
      </div>
      <div className="px-3 text-xs font-normal text-slate-600 dark:text-slate-300">
        {style.label}
        {row.markers.length ? ` · ${row.markers.length} marker${row.markers.length > 1 ? "s" : ""}` : ""}
      </div>
    </li>
  );
});

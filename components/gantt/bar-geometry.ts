import type { GanttBar, GanttSegment } from "./model";

/**
 * Bars in pixels, clamped to the visible track. Clamping matters beyond looks: a focusable bar far
 * off to the side would make the browser scroll the clipped track to show it on focus.
 */
export interface Box {
  left: number;
  width: number;
}

const overhang = 2;

export function barBox(bar: GanttBar, x: (t: number) => number, trackWidth: number, minWidth = 4): Box {
  const start = Math.min(Math.max(x(bar.start), -overhang), trackWidth + overhang - minWidth);
  const end = Math.min(Math.max(x(bar.end), start + minWidth), trackWidth + overhang);
  return { left: start, width: Math.max(minWidth, end - start) };
}

/** Segment boxes relative to their bar's box; segments outside the visible part are dropped. */
export function segmentBoxes(
  segments: GanttSegment[],
  x: (t: number) => number,
  bar: Box,
): (Box & { segment: GanttSegment })[] {
  const boxes: (Box & { segment: GanttSegment })[] = [];
  for (const segment of segments) {
    const start = Math.max(x(segment.start) - bar.left, 0);
    const end = Math.min(x(segment.end) - bar.left, bar.width);
    // A step shorter than a pixel still shows as a sliver, so a fast step is not invisible.
    if (end < 0 || start > bar.width) continue;
    boxes.push({ left: start, width: Math.max(1, end - start), segment });
  }
  return boxes;
}

import type { GanttRow } from "./model";

/**
 * Keyboard moves between story bars (a roving tabindex: one bar is tabbable, arrows move it).
 * Up/Down: previous/next item; Left/Right: first item of the previous/next wave; Home/End: first/last
 * item; PageUp/PageDown: a page of rows. Wave rows are skipped: they are headings, not bars.
 */
export function nextActiveIndex(
  rows: GanttRow[],
  current: number,
  key: string,
  pageRows = 10,
): number | null {
  const isStory = (index: number) => rows[index]?.kind === "story";
  const seek = (from: number, step: 1 | -1) => {
    for (let index = from; index >= 0 && index < rows.length; index += step) {
      if (isStory(index)) return index;
    }
    return null;
  };
  const startOfWave = (index: number) => {
    let first = index;
    while (first > 0 && rows[first - 1]?.kind === "story") first--;
    return first;
  };

  switch (key) {
    case "ArrowDown":
      return seek(current + 1, 1);
    case "ArrowUp":
      return seek(current - 1, -1);
    case "Home":
      return seek(0, 1);
    case "End":
      return seek(rows.length - 1, -1);
    case "PageDown":
      return seek(Math.min(rows.length - 1, current + pageRows), 1) ?? seek(rows.length - 1, -1);
    case "PageUp":
      return seek(Math.max(0, current - pageRows), -1) ?? seek(0, 1);
    case "ArrowRight": {
      // The next wave row after this one, then its first story.
      for (let index = current + 1; index < rows.length; index++) {
        if (rows[index]?.kind === "wave") return seek(index + 1, 1);
      }
      return null;
    }
    case "ArrowLeft": {
      const waveStart = startOfWave(current);
      // Already on the wave's first item: go to the previous wave's first item.
      if (waveStart < current) return waveStart;
      const previousStory = seek(waveStart - 1, -1);
      return previousStory === null ? null : startOfWave(previousStory);
    }
    default:
      return null;
  }
}

import type { GanttModel } from "./model";

/**
 * Arrows for a hovered or focused item: from each dependency's bar end to the item's bar start,
 * and from the item to what depends on it. Drawn in row coordinates, so dependencies scrolled
 * out of the window still get their arrow.
 */
export interface DependencyArrow {
  from: string;
  to: string;
  /** Polyline points "x,y x,y …" in track pixels (x) and content pixels (y). */
  points: string;
}

export function dependencyArrows(
  model: GanttModel,
  key: string,
  x: (t: number) => number,
  rowHeight: number,
): DependencyArrow[] {
  const indexOf = model.rowIndexByKey;
  const edges: [string, string][] = [];
  const focused = model.rows[indexOf.get(key) ?? -1];
  if (focused?.kind !== "story") return [];
  for (const dep of focused.dependsOn) edges.push([dep, key]);
  for (const row of model.rows) {
    if (row.kind === "story" && row.dependsOn.includes(key)) edges.push([key, row.label]);
  }

  const arrows: DependencyArrow[] = [];
  for (const [from, to] of edges) {
    const fromIndex = indexOf.get(from);
    const toIndex = indexOf.get(to);
    if (fromIndex === undefined || toIndex === undefined) continue;
    const fromRow = model.rows[fromIndex];
    const toRow = model.rows[toIndex];
    // Items that have not started have no bar; the arrow then uses the other end's time.
    const fromX = x(fromRow?.bar?.end ?? toRow?.bar?.start ?? model.start);
    const toX = x(toRow?.bar?.start ?? fromRow?.bar?.end ?? model.start);
    const fromY = fromIndex * rowHeight + rowHeight / 2;
    const toY = toIndex * rowHeight + rowHeight / 2;
    // Elbow: out to the right of the dependency, down/up, then into the item's start.
    const elbowX = Math.max(fromX + 6, Math.min(toX - 6, fromX + 12));
    arrows.push({
      from,
      to,
      points: [`${fromX},${fromY}`, `${elbowX},${fromY}`, `${elbowX},${toY}`, `${toX},${toY}`].join(" "),
    });
  }
  return arrows;
}

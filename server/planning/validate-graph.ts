/**
 * Dependency checks run before any wave is computed: every dependency must name an item of
 * the spec, and the graph must be acyclic. A cycle is reported whole (A → B → C → A) so the PM
 * can see which edge to cut.
 */
import type { IssueLog } from "../specs/issues";
import type { PlanItem } from "../specs/types";
import { dependencyEdges, layerDepths } from "./compute-waves";
import type { ItemIndex } from "./item-index";

const MAX_CYCLES_REPORTED = 10;

/**
 * Reports unknown dependencies and cycles; returns the topological depth of every item, aligned
 * with `items` (see layerDepths). `index` is the index of `items`.
 */
export function validateDependencies(
  items: PlanItem[],
  index: ItemIndex,
  log: IssueLog,
  sources: Record<string, { file: string; line: number }> = {},
): number[] {
  // Every dependency's position, looked up once for these checks and for the depths below.
  const edges = dependencyEdges(items, index);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PlanItem;
    const deps = item.dependsOn;
    const first = edges.start[i] ?? 0;
    for (let d = 0; d < deps.length; d++) {
      const dep = deps[d] as string;
      if (dep === item.id) {
        const where = sourceOf(item, sources);
        log.error("dependency_cycle", where.file, where.line, `${item.id} depends on itself.`);
      } else if ((edges.from[first + d] ?? -1) < 0) {
        const where = sourceOf(item, sources);
        log.error(
          "unknown_dependency",
          where.file,
          where.line,
          `${item.id} depends on ${dep}, which this spec does not define.`,
        );
      }
    }
    // Suggestions are only shown; drop the ones that cannot be confirmed or are already explicit.
    if (item.suggestedDependsOn.length === 0) continue;
    item.suggestedDependsOn = item.suggestedDependsOn.filter(
      (s) => s !== item.id && index.has(s) && !item.dependsOn.includes(s),
    );
  }
  if (log.failed) return [];
  // Kahn's algorithm places every item of an acyclic graph; only the leftovers can hold a cycle.
  const depths = layerDepths(items, index, edges);
  const leftovers = items.filter((_, i) => (depths[i] ?? -1) < 0);
  if (leftovers.length === 0) return depths;
  for (const cycle of findCycles(leftovers).slice(0, MAX_CYCLES_REPORTED)) {
    const first = items.find((i) => i.id === cycle[0]);
    log.error(
      "dependency_cycle",
      first?.source.file ?? "",
      first?.source.line ?? 0,
      `These items depend on each other in a circle, so none can start: ${[...cycle, cycle[0]].join(" → ")}.`,
    );
  }
  return depths;
}

/** Where an item's dependency list is written: its own line unless the spec says otherwise. */
function sourceOf(item: PlanItem, sources: Record<string, { file: string; line: number }>) {
  return Object.hasOwn(sources, item.id) ? (sources[item.id] ?? item.source) : item.source;
}

/** Iterative DFS (a 10,000-item chain must not overflow the stack); one cycle per back edge. */
export function findCycles(items: PlanItem[]): string[][] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const color = new Map<string, 0 | 1 | 2>();
  const order = new Map(items.map((item, index) => [item.id, index]));
  const cycles: string[][] = [];
  for (const root of items) {
    if (color.get(root.id)) continue;
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    color.set(root.id, 1);
    path.push(root.id);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const deps = byId.get(frame.id)?.dependsOn ?? [];
      if (frame.next >= deps.length) {
        color.set(frame.id, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const dep = deps[frame.next++] ?? "";
      if (!byId.has(dep)) continue;
      const state = color.get(dep) ?? 0;
      if (state === 1) {
        // Dependencies point backwards in time, so reverse to read the cycle in execution order.
        cycles.push(rotateToFirst(path.slice(path.indexOf(dep)).reverse(), order));
      } else if (state === 0) {
        color.set(dep, 1);
        path.push(dep);
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return cycles;
}

/** Starts the cycle at the item that comes first in the spec, so the message is stable. */
function rotateToFirst(cycle: string[], order: Map<string, number>): string[] {
  let start = 0;
  cycle.forEach((id, i) => {
    if ((order.get(id) ?? 0) < (order.get(cycle[start] ?? "") ?? 0)) start = i;
  });
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

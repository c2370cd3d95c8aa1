/**
 * Where a run's steps go on their queues. Each item's rank comes from its bottom level: the
 * steps on the longest chain from its start to the end of the run (its own pipeline, then its
 * dependents', theirs, …). A queue takes the item with the most work still hanging on it first:
 * critical-path list scheduling, which keeps every queue fed while the chains that set the
 * run's length go ahead. Ranks are BullMQ priorities: 1 is the longest chain.
 */
export interface RankedItem {
  id: string;
  dependsOn: string[];
  /** Steps the item still has to run (0 for an item already done). */
  steps: number;
}

/** The items that depend on each item, among `items` only (dependencies outside them ignored). */
export function dependentsOf(items: readonly { id: string; dependsOn: string[] }[]): Map<string, string[]> {
  const ids = new Set(items.map((item) => item.id));
  const dependents = new Map<string, string[]>();
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!ids.has(dep)) continue;
      const list = dependents.get(dep);
      if (list) list.push(item.id);
      else dependents.set(dep, [item.id]);
    }
  }
  return dependents;
}

/** `dependents` may be passed when the caller has them already (`dependentsOf(items)`). */
export function queueRanks(
  items: RankedItem[],
  dependents: Map<string, string[]> = dependentsOf(items),
): Map<string, number> {
  const byId = new Map(items.map((item) => [item.id, item]));
  // Kahn's order from the end of the run: an item's bottom level once all its dependents have
  // theirs. Items on or behind a cycle (planning rejects cycles before a run starts) get none.
  const waiting = new Map(items.map((item) => [item.id, dependents.get(item.id)?.length ?? 0]));
  const ready = items.filter((item) => waiting.get(item.id) === 0).map((item) => item.id);
  const bottom = new Map<string, number>();
  for (let next = 0; next < ready.length; next++) {
    const id = ready[next] as string;
    const below = Math.max(0, ...(dependents.get(id) ?? []).map((dep) => bottom.get(dep) ?? 0));
    bottom.set(id, (byId.get(id)?.steps ?? 0) + below);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      const left = waiting.get(dep);
      if (left === undefined) continue;
      waiting.set(dep, left - 1);
      if (left === 1) ready.push(dep);
    }
  }
  const longest = Math.max(0, ...bottom.values());
  return new Map(items.map((item) => [item.id, longest - (bottom.get(item.id) ?? 0) + 1]));
}

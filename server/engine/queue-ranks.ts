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

export function queueRanks(items: RankedItem[]): Map<string, number> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const dependents = new Map<string, string[]>();
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (byId.has(dep)) dependents.set(dep, [...(dependents.get(dep) ?? []), item.id]);
    }
  }
  // Iterative depth-first walk (a plan can be a chain thousands deep); a cycle, which planning
  // rejects before a run starts, would only cut the walk short.
  const bottom = new Map<string, number>();
  const entered = new Set<string>();
  for (const root of items) {
    const stack = [root.id];
    while (stack.length > 0) {
      const id = stack[stack.length - 1] as string;
      if (bottom.has(id)) {
        stack.pop();
        continue;
      }
      const next = (dependents.get(id) ?? []).filter((dep) => !bottom.has(dep) && !entered.has(dep));
      if (!entered.has(id) && next.length > 0) {
        entered.add(id);
        stack.push(...next);
        continue;
      }
      stack.pop();
      const below = Math.max(0, ...(dependents.get(id) ?? []).map((dep) => bottom.get(dep) ?? 0));
      bottom.set(id, (byId.get(id)?.steps ?? 0) + below);
    }
  }
  const longest = Math.max(0, ...bottom.values());
  return new Map(items.map((item) => [item.id, longest - (bottom.get(item.id) ?? 0) + 1]));
}

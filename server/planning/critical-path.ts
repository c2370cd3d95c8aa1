/**
 * The critical path of a wave plan, walked back from the last wave. An item with dependencies
 * waits for the one that finishes last (the dependency in the latest wave), so the path follows
 * it; an item without dependencies still waits for the previous wave, because waves run one
 * after another, so the path steps into that wave. On plain topological layers this is the
 * longest dependency chain; on sequential phases it is the whole sequence.
 */
import type { PlanItem } from "../specs/types";

export function criticalPath(waves: { itemIds: string[] }[], byId: Map<string, PlanItem>): string[] {
  const waveOf = new Map<string, number>();
  waves.forEach((wave, index) => {
    for (const id of wave.itemIds) waveOf.set(id, index);
  });
  const lastIndex = waves.length - 1;
  const last = waves[lastIndex];
  if (!last || last.itemIds.length === 0) return [];
  let current = last.itemIds.find((id) => (byId.get(id)?.dependsOn.length ?? 0) > 0) ?? last.itemIds[0] ?? "";
  let wave = lastIndex;
  const path = [current];
  while (wave > 0) {
    const deps = (byId.get(current)?.dependsOn ?? []).filter(
      (d) => (waveOf.get(d) ?? -1) < wave && waveOf.has(d),
    );
    let next: string | undefined;
    if (deps.length > 0) {
      next = deps.reduce((best, d) => ((waveOf.get(d) ?? 0) > (waveOf.get(best) ?? 0) ? d : best));
    } else {
      next = waves[wave - 1]?.itemIds[0];
    }
    if (next === undefined) break;
    current = next;
    wave = waveOf.get(next) ?? wave - 1;
    path.push(current);
  }
  return path.reverse();
}

/**
 * The critical path of a wave plan, walked back from the last wave. An item with dependencies
 * waits for the one that finishes last (the dependency in the latest wave), so the path follows
 * it; an item without dependencies still waits for the previous wave, because waves run one
 * after another, so the path steps into that wave. On plain topological layers this is the
 * longest dependency chain; on sequential phases it is the whole sequence.
 */
import type { ItemIndex } from "./item-index";

export function criticalPath(waves: { itemIds: string[] }[], index: ItemIndex): string[] {
  // Each item's wave by its position in the index; -1 for none.
  const waveAt = new Int32Array(index.items.length).fill(-1);
  waves.forEach((wave, w) => {
    for (const id of wave.itemIds) waveAt[index.positionOf(id)] = w;
  });
  const waveOf = (id: string): number | undefined => {
    const w = waveAt[index.positionOf(id)] ?? -1;
    return w < 0 ? undefined : w;
  };
  const lastIndex = waves.length - 1;
  const last = waves[lastIndex];
  if (!last || last.itemIds.length === 0) return [];
  let current =
    last.itemIds.find((id) => (index.get(id)?.dependsOn.length ?? 0) > 0) ?? last.itemIds[0] ?? "";
  let wave = lastIndex;
  const path = [current];
  while (wave > 0) {
    const deps = (index.get(current)?.dependsOn ?? []).filter((d) => (waveOf(d) ?? wave) < wave);
    let next: string | undefined;
    if (deps.length > 0) {
      next = deps.reduce((best, d) => ((waveOf(d) ?? 0) > (waveOf(best) ?? 0) ? d : best));
    } else {
      next = waves[wave - 1]?.itemIds[0];
    }
    if (next === undefined) break;
    current = next;
    // Every step lands in an earlier wave (a dependency's, or the one before), so the walk ends
    // even when an id sits in two waves; `waveOf(next)` would then be the later one.
    wave = deps.length > 0 ? (waveOf(next) ?? wave - 1) : wave - 1;
    path.push(current);
  }
  return path.reverse();
}

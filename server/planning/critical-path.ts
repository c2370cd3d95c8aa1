/**
 * The critical path of a wave plan. Waves run one after another (a wave starts when the previous
 * one has finished), so the path holds one item per wave; walking back from the last wave it
 * follows a real dependency into the previous wave whenever there is one, which makes it the
 * longest dependency chain when the waves are plain topological layers.
 */
import type { PlanItem } from "../specs/types";

export function criticalPath(waves: { itemIds: string[] }[], byId: Map<string, PlanItem>): string[] {
  const last = waves[waves.length - 1];
  if (!last || last.itemIds.length === 0) return [];
  const previous = waves[waves.length - 2];
  const previousIds = new Set(previous?.itemIds ?? []);
  let current =
    last.itemIds.find((id) => (byId.get(id)?.dependsOn ?? []).some((d) => previousIds.has(d))) ??
    last.itemIds[0] ??
    "";
  const path = [current];
  for (let w = waves.length - 2; w >= 0; w--) {
    const wave = waves[w];
    if (!wave || wave.itemIds.length === 0) continue;
    const inWave = new Set(wave.itemIds);
    const deps = byId.get(current)?.dependsOn ?? [];
    current = deps.find((d) => inWave.has(d)) ?? wave.itemIds[0] ?? current;
    path.push(current);
  }
  return path.reverse();
}

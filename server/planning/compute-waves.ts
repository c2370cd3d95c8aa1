/**
 * Waves before any splitting: the spec's explicit phases, validated against the dependencies,
 * or topological layers (an item's wave is one past its deepest dependency).
 */
import type { IssueLog } from "../specs/issues";
import type { PlanItem, SpecPhase } from "../specs/types";

export interface DraftWave {
  name: string;
  itemIds: string[];
  gates: string[];
}

/** Assumes an acyclic graph with known dependencies (see validateDependencies). */
export function topologicalLayers(
  items: PlanItem[],
  namePrefix = "Wave",
  depth: Map<string, number> = layerDepths(items),
): DraftWave[] {
  const waves: DraftWave[] = [];
  for (const item of items) {
    const d = depth.get(item.id) ?? 0;
    while (waves.length <= d)
      waves.push({ name: `${namePrefix} ${waves.length + 1}`, itemIds: [], gates: [] });
    waves[d]?.itemIds.push(item.id);
  }
  return waves;
}

/** Longest-path depth of every item, over dependencies inside `items` only (Kahn order, no recursion). */
export function layerDepths(items: PlanItem[]): Map<string, number> {
  const ids = new Set(items.map((i) => i.id));
  const dependents = new Map<string, string[]>();
  const pending = new Map<string, number>();
  for (const item of items) {
    const deps = item.dependsOn.filter((d) => ids.has(d));
    pending.set(item.id, deps.length);
    for (const dep of deps) {
      const list = dependents.get(dep);
      if (list) list.push(item.id);
      else dependents.set(dep, [item.id]);
    }
  }
  const depth = new Map<string, number>();
  const queue = items.filter((i) => pending.get(i.id) === 0).map((i) => i.id);
  for (const id of queue) depth.set(id, 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] ?? "";
    const d = depth.get(id) ?? 0;
    for (const next of dependents.get(id) ?? []) {
      depth.set(next, Math.max(depth.get(next) ?? 0, d + 1));
      const left = (pending.get(next) ?? 1) - 1;
      pending.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  // Items on or behind a cycle never leave the queue's waiting room; they get no depth.
  if (queue.length < items.length)
    for (const id of [...depth.keys()]) if ((pending.get(id) ?? 0) > 0) depth.delete(id);
  return depth;
}

export function explicitWaves(items: PlanItem[], phases: SpecPhase[], log: IssueLog): DraftWave[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const phaseOf = new Map<string, number>();
  phases.forEach((phase, p) => {
    for (const id of phase.itemIds) {
      if (!byId.has(id)) {
        log.error(
          "unknown_phase_item",
          phase.source.file,
          phase.source.line,
          `${phase.name} runs ${id}, which this spec does not define.`,
        );
      } else if (phaseOf.has(id)) {
        log.error(
          "duplicate_phase_item",
          phase.source.file,
          phase.source.line,
          `${id} is listed in ${phases[phaseOf.get(id) ?? 0]?.name} and again in ${phase.name}; an item runs once.`,
        );
      } else {
        phaseOf.set(id, p);
      }
    }
  });
  const phasesWithInnerDeps = checkPhaseOrder(items, phases, phaseOf, log);
  if (log.failed) return [];

  const buckets: PlanItem[][] = phases.map(() => []);
  for (const item of items) {
    const p = phaseOf.get(item.id);
    if (p !== undefined) buckets[p]?.push(item);
  }
  const waves: DraftWave[] = [];
  phases.forEach((phase, p) => {
    const members = buckets[p] ?? [];
    if (members.length === 0) return;
    if (!phasesWithInnerDeps.has(p)) {
      waves.push({ name: phase.name, itemIds: members.map((i) => i.id), gates: phase.gates });
      return;
    }
    const layers = topologicalLayers(members);
    if (layers.length > 1) {
      log.warn(
        "phase_split",
        phase.source.file,
        phase.source.line,
        `${phase.name} has items that depend on each other, so it runs as ${layers.length} consecutive waves.`,
      );
    }
    layers.forEach((layer, i) => {
      waves.push({
        name: layers.length > 1 ? `${phase.name} (${i + 1}/${layers.length})` : phase.name,
        itemIds: layer.itemIds,
        gates: phase.gates,
      });
    });
  });

  const unplaced = items.filter((i) => !phaseOf.has(i.id));
  if (unplaced.length > 0) {
    const first = unplaced[0];
    log.warn(
      "item_not_in_phase",
      first?.source.file ?? "",
      first?.source.line ?? 0,
      `${unplaced.map((i) => i.id).join(", ")} ${unplaced.length === 1 ? "is" : "are"} in no phase; Specwave runs ${unplaced.length === 1 ? "it" : "them"} after the last phase.`,
    );
    for (const wave of topologicalLayers(unplaced, "Unphased")) waves.push(wave);
  }
  return waves;
}

/** Reports phase-order errors; returns the phases that hold a dependency between their own items. */
function checkPhaseOrder(
  items: PlanItem[],
  phases: SpecPhase[],
  phaseOf: Map<string, number>,
  log: IssueLog,
): Set<number> {
  const inner = new Set<number>();
  for (const item of items) {
    const p = phaseOf.get(item.id);
    if (p === undefined) continue;
    const phase = phases[p];
    if (!phase) continue;
    for (const dep of item.dependsOn) {
      const q = phaseOf.get(dep);
      if (q === undefined) continue;
      if (q > p) {
        log.error(
          "phase_order",
          phase.source.file,
          phase.source.line,
          `${phase.name} runs ${item.id} before its dependency ${dep}, which is in ${phases[q]?.name}.`,
        );
      } else if (q === p && phase.sameWaveDependency === "split") {
        inner.add(p);
      } else if (q === p) {
        log.error(
          "phase_order",
          phase.source.file,
          phase.source.line,
          `${phase.name} runs ${item.id} in parallel with its dependency ${dep}; move ${item.id} to a later phase.`,
        );
      }
    }
  }
  return inner;
}

/**
 * Waves before any splitting: the spec's explicit phases, validated against the dependencies,
 * or topological layers (an item's wave is one past its deepest dependency).
 */
import type { IssueLog } from "../specs/issues";
import type { PlanItem, SpecPhase } from "../specs/types";
import { ItemIndex } from "./item-index";

export interface DraftWave {
  name: string;
  itemIds: string[];
  gates: string[];
}

/** Assumes an acyclic graph with known dependencies (see validateDependencies). */
export function topologicalLayers(
  items: PlanItem[],
  namePrefix = "Wave",
  depths: readonly number[] = layerDepths(items),
): DraftWave[] {
  const waves: DraftWave[] = [];
  items.forEach((item, i) => {
    const d = Math.max(depths[i] ?? 0, 0);
    while (waves.length <= d)
      waves.push({ name: `${namePrefix} ${waves.length + 1}`, itemIds: [], gates: [] });
    waves[d]?.itemIds.push(item.id);
  });
  return waves;
}

/**
 * Longest-path depth of every item, over dependencies inside `items` only (Kahn order, no
 * recursion), aligned with `items`; -1 for an item on or behind a cycle. Ids become array slots
 * once, so the walk itself never hashes an id: this runs for the whole spec and again for every
 * phase that holds dependencies between its own items.
 */
export function layerDepths(items: PlanItem[], index = new ItemIndex(items)): number[] {
  // An id's slot is its position in the index (a repeated id shares the slot of its last item).
  const size = items.length;
  const slots = items.map((item) => index.positionOf(item.id));
  // Edges as dependency → dependent, in item order, then grouped by dependency: the dependents
  // of slot s are dependents[start[s]] up to dependents[start[s + 1]].
  const pending = new Int32Array(size);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  items.forEach((item, i) => {
    const slot = slots[i] ?? 0;
    let count = 0;
    for (const dep of item.dependsOn) {
      const from = index.positionOf(dep);
      if (from < 0) continue;
      edgeFrom.push(from);
      edgeTo.push(slot);
      count++;
    }
    pending[slot] = count;
  });
  const start = new Int32Array(size + 1);
  for (const from of edgeFrom) start[from + 1] = (start[from + 1] ?? 0) + 1;
  for (let s = 0; s < size; s++) start[s + 1] = (start[s + 1] ?? 0) + (start[s] ?? 0);
  const filled = start.slice(0, size);
  const dependents = new Int32Array(edgeTo.length);
  edgeFrom.forEach((from, e) => {
    const at = filled[from] ?? 0;
    dependents[at] = edgeTo[e] ?? 0;
    filled[from] = at + 1;
  });

  const depth = new Int32Array(size).fill(-1);
  const queue = slots.filter((slot) => pending[slot] === 0);
  for (const slot of queue) depth[slot] = 0;
  for (let head = 0; head < queue.length; head++) {
    const slot = queue[head] ?? 0;
    const next = (depth[slot] ?? 0) + 1;
    for (let e = start[slot] ?? 0; e < (start[slot + 1] ?? 0); e++) {
      const dependent = dependents[e] ?? 0;
      if ((depth[dependent] ?? -1) < next) depth[dependent] = next;
      const left = (pending[dependent] ?? 0) - 1;
      pending[dependent] = left;
      if (left === 0) queue.push(dependent);
    }
  }
  // Items on or behind a cycle never leave the queue's waiting room; they get no depth.
  const cyclic = queue.length < items.length;
  return slots.map((slot) => (cyclic && (pending[slot] ?? 0) > 0 ? -1 : (depth[slot] ?? -1)));
}

/** `index` is the index of `items`. */
export function explicitWaves(
  items: PlanItem[],
  index: ItemIndex,
  phases: SpecPhase[],
  log: IssueLog,
): DraftWave[] {
  // Each item's phase by its position in the index; -1 until a phase runs it.
  const phaseAt = new Int32Array(items.length).fill(-1);
  const phaseOf = (id: string): number => phaseAt[index.positionOf(id)] ?? -1;
  phases.forEach((phase, p) => {
    for (const id of phase.itemIds) {
      const position = index.positionOf(id);
      if (position < 0) {
        log.error(
          "unknown_phase_item",
          phase.source.file,
          phase.source.line,
          `${phase.name} runs ${id}, which this spec does not define.`,
        );
      } else if (phaseOf(id) >= 0) {
        log.error(
          "duplicate_phase_item",
          phase.source.file,
          phase.source.line,
          `${id} is listed in ${phases[phaseOf(id)]?.name} and again in ${phase.name}; an item runs once.`,
        );
      } else {
        phaseAt[position] = p;
      }
    }
  });
  const phasesWithInnerDeps = checkPhaseOrder(items, phases, phaseOf, log);
  if (log.failed) return [];

  const buckets: PlanItem[][] = phases.map(() => []);
  for (const item of items) {
    const p = phaseOf(item.id);
    if (p >= 0) buckets[p]?.push(item);
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

  const unplaced = items.filter((i) => phaseOf(i.id) < 0);
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
  phaseOf: (id: string) => number,
  log: IssueLog,
): Set<number> {
  const inner = new Set<number>();
  for (const item of items) {
    const p = phaseOf(item.id);
    if (p < 0) continue;
    const phase = phases[p];
    if (!phase) continue;
    for (const dep of item.dependsOn) {
      const q = phaseOf(dep);
      if (q < 0) continue;
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

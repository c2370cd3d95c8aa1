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
 * Each item's dependencies as positions in the index, in order: those of item i are
 * `from[start[i]]` up to `from[start[i + 1]]`, -1 for an id the index does not hold.
 */
export interface DependencyEdges {
  start: Int32Array;
  from: Int32Array;
}

/** The dependency edges of `items`, each id looked up once. `index` is the index of `items`. */
export function dependencyEdges(items: readonly PlanItem[], index: ItemIndex): DependencyEdges {
  const start = new Int32Array(items.length + 1);
  for (let i = 0; i < items.length; i++)
    start[i + 1] = (start[i] ?? 0) + (items[i] as PlanItem).dependsOn.length;
  const from = new Int32Array(start[items.length] ?? 0);
  for (let i = 0, e = 0; i < items.length; i++) {
    const deps = (items[i] as PlanItem).dependsOn;
    for (let d = 0; d < deps.length; d++) from[e++] = index.positionOf(deps[d] as string);
  }
  return { start, from };
}

/**
 * Longest-path depth of every item, over dependencies inside `items` only (Kahn order, no
 * recursion), aligned with `items`; -1 for an item on or behind a cycle. Ids become array slots
 * once, so the walk itself never hashes an id: this runs for the whole spec and again for every
 * phase that holds dependencies between its own items. `edges` may be passed when the caller has
 * looked the dependencies up already.
 */
export function layerDepths(
  items: PlanItem[],
  index = new ItemIndex(items),
  edges = dependencyEdges(items, index),
): number[] {
  // An id's slot is its position in the index (a repeated id shares the slot of its last item);
  // with no repeats, each item's slot is its own position.
  const size = items.length;
  const repeats = index.hasRepeatedIds;
  const slotOf = (i: number): number => (repeats ? index.positionOf((items[i] as PlanItem).id) : i);
  // Edges as dependency → dependent, grouped by dependency (a counting sort, in item order): the
  // dependents of slot s are dependents[start[s]] up to dependents[start[s + 1]].
  const pending = new Int32Array(size);
  const start = new Int32Array(size + 1);
  let edgeCount = 0;
  for (let i = 0; i < size; i++) {
    let count = 0;
    for (let e = edges.start[i] ?? 0; e < (edges.start[i + 1] ?? 0); e++) {
      const from = edges.from[e] ?? -1;
      if (from < 0) continue;
      start[from + 1] = (start[from + 1] ?? 0) + 1;
      count++;
    }
    pending[slotOf(i)] = count;
    edgeCount += count;
  }
  for (let s = 0; s < size; s++) start[s + 1] = (start[s + 1] ?? 0) + (start[s] ?? 0);
  const filled = start.slice(0, size);
  const dependents = new Int32Array(edgeCount);
  for (let i = 0; i < size; i++) {
    const slot = slotOf(i);
    for (let e = edges.start[i] ?? 0; e < (edges.start[i + 1] ?? 0); e++) {
      const from = edges.from[e] ?? -1;
      if (from < 0) continue;
      const at = filled[from] ?? 0;
      dependents[at] = slot;
      filled[from] = at + 1;
    }
  }

  const depth = new Int32Array(size).fill(-1);
  // Every item's slot once at most, and each edge adds its dependent once at most.
  const queue = new Int32Array(size + edgeCount);
  let tail = 0;
  for (let i = 0; i < size; i++) {
    const slot = slotOf(i);
    if (pending[slot] === 0) queue[tail++] = slot;
  }
  for (let q = 0; q < tail; q++) depth[queue[q] ?? 0] = 0;
  for (let head = 0; head < tail; head++) {
    const slot = queue[head] ?? 0;
    const next = (depth[slot] ?? 0) + 1;
    for (let e = start[slot] ?? 0; e < (start[slot + 1] ?? 0); e++) {
      const dependent = dependents[e] ?? 0;
      if ((depth[dependent] ?? -1) < next) depth[dependent] = next;
      const left = (pending[dependent] ?? 0) - 1;
      pending[dependent] = left;
      if (left === 0) queue[tail++] = dependent;
    }
  }
  // Items on or behind a cycle never leave the queue's waiting room; they get no depth.
  const cyclic = tail < size;
  const depths = new Array<number>(size);
  for (let i = 0; i < size; i++) {
    const slot = slotOf(i);
    depths[i] = cyclic && (pending[slot] ?? 0) > 0 ? -1 : (depth[slot] ?? -1);
  }
  return depths;
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
  // With no repeated ids an item's position is its index in `items`: no lookup by id.
  const repeats = index.hasRepeatedIds;
  const phaseOfItem = (i: number): number => (repeats ? phaseOf(items[i]?.id ?? "") : (phaseAt[i] ?? -1));
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
      } else if ((phaseAt[position] ?? -1) >= 0) {
        log.error(
          "duplicate_phase_item",
          phase.source.file,
          phase.source.line,
          `${id} is listed in ${phases[phaseAt[position] ?? -1]?.name} and again in ${phase.name}; an item runs once.`,
        );
      } else {
        phaseAt[position] = p;
      }
    }
  });
  const phasesWithInnerDeps = checkPhaseOrder(items, phases, phaseOf, phaseOfItem, log);
  if (log.failed) return [];

  // Items grouped by phase in item order (a counting sort): thousands of phases, each a slice of
  // `order`, rather than an array per phase grown item by item.
  const start = new Int32Array(phases.length + 1);
  for (let i = 0; i < items.length; i++) {
    const p = phaseOfItem(i);
    if (p >= 0) start[p + 1] = (start[p + 1] ?? 0) + 1;
  }
  for (let p = 0; p < phases.length; p++) start[p + 1] = (start[p + 1] ?? 0) + (start[p] ?? 0);
  const order = new Int32Array(start[phases.length] ?? 0);
  const filled = start.slice(0, phases.length);
  for (let i = 0; i < items.length; i++) {
    const p = phaseOfItem(i);
    if (p < 0) continue;
    const at = filled[p] ?? 0;
    order[at] = i;
    filled[p] = at + 1;
  }
  const waves: DraftWave[] = [];
  phases.forEach((phase, p) => {
    const from = start[p] ?? 0;
    const count = (start[p + 1] ?? 0) - from;
    if (count === 0) return;
    if (!phasesWithInnerDeps.has(p)) {
      const itemIds = new Array<string>(count);
      for (let k = 0; k < count; k++) itemIds[k] = items[order[from + k] ?? 0]?.id ?? "";
      waves.push({ name: phase.name, itemIds, gates: phase.gates });
      return;
    }
    const members: PlanItem[] = [];
    for (let k = 0; k < count; k++) {
      const member = items[order[from + k] ?? 0];
      if (member) members.push(member);
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

  const unplaced = items.filter((_, i) => phaseOfItem(i) < 0);
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
  phaseOfItem: (i: number) => number,
  log: IssueLog,
): Set<number> {
  const inner = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!item) continue;
    const p = phaseOfItem(i);
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

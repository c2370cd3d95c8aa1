/**
 * Splitting waves so that agents never collide: items of one wave that name the same output
 * file run in separate waves (two agents editing one file in parallel lose work), and a batch
 * size caps how many agents one wave starts.
 */
import type { IssueLog } from "../specs/issues";
import type { DraftWave } from "./compute-waves";
import type { ItemIndex } from "./item-index";

export function splitSameFileWaves(waves: DraftWave[], index: ItemIndex, log: IssueLog): DraftWave[] {
  const out: DraftWave[] = [];
  // One set for all waves, emptied for each: a set per wave costs thousands of sets, and one
  // map of every output to its last wave (20,000 paths) is slower to search than a wave's set.
  const seen = new Set<string>();
  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w];
    if (!wave) continue;
    if (!hasSharedOutput(wave.itemIds, index, seen)) {
      out.push(wave);
      continue;
    }
    const { groups, clashes } = groupByOutputs(wave.itemIds, index);
    if (groups.length <= 1) {
      out.push(wave);
      continue;
    }
    for (const [file, ids] of clashes) {
      const first = index.get(ids[0] ?? "");
      log.warn(
        "same_file_split",
        first?.source.file ?? "",
        first?.source.line ?? 0,
        `${ids.join(", ")} are marked parallel in ${wave.name} but all change ${file}; they run in separate waves.`,
      );
    }
    groups.forEach((ids, i) => {
      out.push({
        name: `${wave.name} (file split ${i + 1}/${groups.length})`,
        itemIds: ids,
        gates: wave.gates,
      });
    });
  }
  return out;
}

/** What one wave's grouping knows about an output file. */
interface FileGroups {
  /** Groups holding an item that writes the file. */
  groups: Set<number>;
  /** The lowest group without the file: every group below it writes the file already. */
  firstFree: number;
  /** The group that took the file first, and that item, for the clash message. */
  firstGroup: number;
  firstHolder: string;
}

/**
 * First fit: each item joins the earliest group that writes none of its outputs. Each output
 * remembers its groups and the first group free of it, so placing an item costs about its
 * outputs, not the wave's size. `clashes` lists, per file in order of its first clash, the items
 * that write it: the item that took it first, then the others in wave order. Assumes unique ids.
 */
function groupByOutputs(
  ids: string[],
  index: ItemIndex,
): { groups: string[][]; clashes: Map<string, string[]> } {
  const groups: string[][] = [];
  const files = new Map<string, FileGroups>();
  const clashes = new Map<string, string[]>();
  for (const id of ids) {
    const outputs = uniqueOutputs(index.get(id)?.outputs ?? []);
    const known: FileGroups[] = [];
    let group = 0;
    for (const o of outputs) {
      const state = files.get(o);
      if (!state) continue;
      known.push(state);
      if (state.firstFree > group) group = state.firstFree;
    }
    while (known.some((state) => state.groups.has(group))) group++;
    if (group === groups.length) groups.push([]);
    groups[group]?.push(id);

    // A file's first clash names its first holder; files meeting their first clash together
    // enter the map in the order of the group that took them first, then of this item's outputs.
    const firstClashes: { file: string; state: FileGroups; order: number }[] = [];
    outputs.forEach((o, order) => {
      const state = files.get(o);
      if (!state) return;
      const list = clashes.get(o);
      if (list) list.push(id);
      else firstClashes.push({ file: o, state, order });
    });
    firstClashes.sort((a, b) => a.state.firstGroup - b.state.firstGroup || a.order - b.order);
    for (const { file, state } of firstClashes) clashes.set(file, [state.firstHolder, id]);

    for (const o of outputs) {
      let state = files.get(o);
      if (!state) {
        state = { groups: new Set(), firstFree: 0, firstGroup: group, firstHolder: id };
        files.set(o, state);
      }
      state.groups.add(group);
      while (state.groups.has(state.firstFree)) state.firstFree++;
    }
  }
  return { groups, clashes };
}

function uniqueOutputs(outputs: string[]): string[] {
  return outputs.length < 2 || new Set(outputs).size === outputs.length ? outputs : [...new Set(outputs)];
}

export function splitByBatchSize(waves: DraftWave[], batchSize: number): DraftWave[] {
  const out: DraftWave[] = [];
  for (const wave of waves) {
    if (wave.itemIds.length <= batchSize) {
      out.push(wave);
      continue;
    }
    const parts = Math.ceil(wave.itemIds.length / batchSize);
    for (let i = 0; i < parts; i++) {
      out.push({
        name: `${wave.name} (batch ${i + 1}/${parts})`,
        itemIds: wave.itemIds.slice(i * batchSize, (i + 1) * batchSize),
        gates: wave.gates,
      });
    }
  }
  return out;
}

/** Whether an output is named twice among a wave's items; `seen` is a set to empty and use. */
function hasSharedOutput(ids: string[], index: ItemIndex, seen: Set<string>): boolean {
  if (ids.length < 2) return false;
  seen.clear();
  for (let i = 0; i < ids.length; i++) {
    const outputs = index.get(ids[i] ?? "")?.outputs ?? [];
    for (let k = 0; k < outputs.length; k++) {
      const size = seen.size;
      seen.add(outputs[k] ?? "");
      if (seen.size === size) return true;
    }
  }
  return false;
}

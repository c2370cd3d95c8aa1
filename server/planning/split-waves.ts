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
  for (const wave of waves) {
    if (!hasSharedOutput(wave.itemIds, index)) {
      out.push(wave);
      continue;
    }
    const groups: { ids: string[]; files: Set<string> }[] = [];
    const clashes = new Map<string, string[]>();
    for (const id of wave.itemIds) {
      const outputs = index.get(id)?.outputs ?? [];
      let group = groups.find((g) => outputs.every((o) => !g.files.has(o)));
      if (!group) {
        group = { ids: [], files: new Set() };
        groups.push(group);
      }
      for (const other of groups) {
        if (other === group) continue;
        for (const o of outputs) {
          if (other.files.has(o)) {
            const list = clashes.get(o) ?? [];
            clashes.set(o, list);
            for (const clashing of other.ids) {
              if (!list.includes(clashing) && (index.get(clashing)?.outputs ?? []).includes(o))
                list.push(clashing);
            }
            if (!list.includes(id)) list.push(id);
          }
        }
      }
      group.ids.push(id);
      for (const o of outputs) group.files.add(o);
    }
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
    groups.forEach((g, i) => {
      out.push({
        name: `${wave.name} (file split ${i + 1}/${groups.length})`,
        itemIds: g.ids,
        gates: wave.gates,
      });
    });
  }
  return out;
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

function hasSharedOutput(ids: string[], index: ItemIndex): boolean {
  if (ids.length < 2) return false;
  const seen = new Set<string>();
  for (const id of ids) {
    for (const o of index.get(id)?.outputs ?? []) {
      if (seen.has(o)) return true;
      seen.add(o);
    }
  }
  return false;
}

/**
 * Source lines of a document read by the fast path, and the lookups a YamlBlock answers from them.
 * Each lookup mirrors, step by step, what yaml-library-block.ts does on the library's nodes, so a
 * path resolves to the same node (or to nothing) either way.
 */
import type { YamlBlock } from "./yaml-block";

/**
 * A block collection's lines; a positive number for a plain block scalar's line; a negative one for a
 * quoted scalar or a flow node (`[a, b]`, `{ k: v }`, anything inside them) on line -n. These sit on one line,
 * so their children need no lines of their own: which children exist is read from the values.
 * Lines count from the block's start.
 */
export type NodeLines = number | MapLines | SeqLines;

export interface MapLines {
  kind: "map";
  line: number;
  /**
   * Per entry, in order: its key as the library resolves it (a string, number, boolean or null),
   * the key's line and the value's lines. One flat array: a map per workstream is built 10,000 times.
   */
  entries: unknown[];
  /** Where the last lookup in a big map found its entry; the next lookup starts after it. */
  last?: number;
  /** Key → first entry, built on the first lookup in a big map that the walk forward misses. */
  index?: Map<unknown, number>;
}

export interface SeqLines {
  kind: "seq";
  line: number;
  items: NodeLines[];
}

export interface ScannedYaml {
  data: unknown;
  lines: NodeLines;
}

const SCAN_LIMIT = 8;
// How far past the last entry found a big map is searched before its index is built: lookups in
// order skip the workstreams without dependencies.
const NEAR_LIMIT = 64;

export function scannedBlock({ data, lines: root }: ScannedYaml, firstLine: number): YamlBlock {
  const offset = firstLine - 1;
  return {
    data,
    keyLines(path) {
      const lines = new Map<string, number>();
      if (!find(root, data, path, path.length)) return lines;
      const map = found.lines;
      if (typeof map === "object" && map.kind === "map") {
        const entries = map.entries;
        for (let i = 0; i < entries.length; i += 3)
          lines.set(String(entries[i]), (entries[i + 1] as number) + offset);
      } else if (isFlowMap(map, found.value)) {
        for (const key of Object.keys(found.value as object)) lines.set(key, -map + offset);
      }
      return lines;
    },
    lineOf(path, fallback = firstLine) {
      // A map entry is reported at its key, as the library reading does.
      if (path.length > 0 && find(root, data, path, path.length - 1)) {
        const parent = found.lines;
        const last = String(path[path.length - 1]);
        if (typeof parent === "object" && parent.kind === "map") {
          const entries = parent.entries;
          for (let i = 0; i < entries.length; i += 3)
            if (String(entries[i]) === last) return (entries[i + 1] as number) + offset;
        } else if (isFlowMap(parent, found.value) && Object.hasOwn(found.value as object, last)) {
          return -parent + offset;
        }
      }
      if (!find(root, data, path, path.length)) return fallback;
      const node = found.lines;
      return (typeof node === "number" ? Math.abs(node) : node.line) + offset;
    },
  };
}

/** A flow map (whose keys the fast path only takes as strings, so its value's keys are its keys). */
function isFlowMap(lines: NodeLines, value: unknown): lines is number {
  return (
    typeof lines === "number" &&
    lines < 0 &&
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value)
  );
}

/** What `find` found: the node's lines and value. One object, rewritten by every search. */
const found: { lines: NodeLines; value: unknown } = { lines: 0, value: undefined };

/** Finds the node at the first `length` steps of `path` as the library's reading finds it. */
function find(root: NodeLines, data: unknown, path: (string | number)[], length: number): boolean {
  let lines: NodeLines = root;
  let value = data;
  for (let i = 0; i < length; i++) {
    const key = path[i];
    if (typeof lines === "object" && lines.kind === "map") {
      const at = entryOf(lines, key);
      if (at < 0) return false;
      const entryKey = lines.entries[at];
      value = (value as Record<string, unknown>)[entryKey === null ? "" : String(entryKey)];
      lines = lines.entries[at + 2] as NodeLines;
    } else if (typeof lines === "object") {
      const at = itemIndex(key);
      const item = at === null ? undefined : lines.items[at];
      if (item === undefined) return false;
      value = (value as unknown[])[at as number];
      lines = item;
    } else if (lines < 0 && Array.isArray(value)) {
      const at = itemIndex(key);
      if (at === null || at >= value.length) return false;
      value = value[at];
    } else if (isFlowMap(lines, value)) {
      if (typeof key !== "string" || !Object.hasOwn(value as object, key)) return false;
      value = (value as Record<string, unknown>)[key];
    } else {
      // A scalar has no children.
      return false;
    }
  }
  found.lines = lines;
  found.value = value;
  return true;
}

/**
 * Where in `entries` the first key equal to `key` is, as a Map compares keys (SameValueZero), the
 * way the library reading's index finds it; -1 for none.
 */
function entryOf(map: MapLines, key: unknown): number {
  const entries = map.entries;
  if (entries.length <= 3 * SCAN_LIMIT) return scanEntries(entries, key, 0, entries.length);
  // A big map is mostly searched in its own order (each workstream in turn), so the few entries
  // after the last one found are tried before an index of every key is built. The fast path
  // reads no repeated keys, so the entry found is the first with its key.
  const from = map.last === undefined ? 0 : map.last + 3;
  const near = scanEntries(entries, key, from, Math.min(entries.length, from + 3 * NEAR_LIMIT));
  if (near >= 0) {
    map.last = near;
    return near;
  }
  if (!map.index) {
    map.index = new Map();
    for (let i = entries.length - 3; i >= 0; i -= 3) map.index.set(entries[i], i);
  }
  const at = map.index.get(key) ?? -1;
  if (at >= 0) map.last = at;
  return at;
}

/** The first of `entries`' keys from `from` to `to` equal to `key` (SameValueZero), or -1. */
function scanEntries(entries: unknown[], key: unknown, from: number, to: number): number {
  for (let i = from; i < to; i += 3) {
    const k = entries[i];
    // biome-ignore lint/suspicious/noSelfCompare: NaN is the one value not equal to itself.
    if (k === key || (k !== k && key !== key)) return i;
  }
  return -1;
}

/** A sequence index as the library's YAMLSeq.get reads one (`"2"` is 2; `"x"`, -1 and 1.5 are none). */
function itemIndex(key: unknown): number | null {
  let index = key;
  if (index && typeof index === "string") index = Number(index);
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : null;
}

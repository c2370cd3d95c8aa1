/**
 * The yaml library's reading of a frontmatter block: every construct, and the exact messages of
 * its errors. Frontmatter the fast path (yaml-fast-path.ts) does not fully understand is read here.
 */
import {
  type Document,
  isCollection,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  type Pair,
  parseDocument,
  visit,
  YAMLMap,
} from "yaml";
import type { IssueLog } from "./issues";
import type { YamlBlock } from "./yaml-block";

const MAX_YAML_ERRORS = 3;

/**
 * Parses a YAML block whose first line is `firstLine` of `file`. Syntax errors become typed
 * `yaml_syntax` issues (a repeated key under a map of ids becomes `duplicate_id`) with file
 * line and column.
 */
export function readYamlWithLibrary(
  text: string,
  file: string,
  firstLine: number,
  log: IssueLog,
): YamlBlock | null {
  // The yaml library finds a repeated key by comparing each key of a map with all the keys before
  // it: seconds for 10,000 workstreams. Read without that check, look for repeats with one set per
  // map, and read again with the library's check only when a repeat (or another error) needs its
  // exact messages.
  let lineCounter = new LineCounter();
  let doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length > 0 || mayRepeatKeys(doc)) {
    lineCounter = new LineCounter();
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  }
  if (doc.errors.length > 0) {
    // One broken line cascades into dozens of parser errors; the first few locate the problem.
    for (const err of doc.errors.slice(0, MAX_YAML_ERRORS)) {
      const pos = err.linePos?.[0];
      const line = (pos?.line ?? 1) + firstLine - 1;
      const firstMessageLine = err.message.split("\n")[0] ?? err.message;
      if (err.code === "DUPLICATE_KEY") {
        log.error(
          "duplicate_id",
          file,
          line,
          `The same key appears twice in the YAML frontmatter: ${firstMessageLine}`,
          pos?.col,
        );
      } else {
        log.error(
          "yaml_syntax",
          file,
          line,
          `The YAML frontmatter cannot be read: ${firstMessageLine}`,
          pos?.col,
        );
      }
    }
    return null;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Alias bombs and similar: reported, not thrown.
    log.error(
      "yaml_syntax",
      file,
      firstLine,
      `The YAML frontmatter cannot be read: ${(err as Error).message}`,
    );
    return null;
  }
  const nodeAt = nodeFinder(doc);
  return {
    data,
    keyLines(path) {
      const lines = new Map<string, number>();
      try {
        const map = path.length === 0 ? doc.contents : nodeAt(path);
        for (const pair of (map as { items?: { key?: unknown }[] } | null)?.items ?? []) {
          const key = pair.key;
          if (isNode(key) && key.range) {
            lines.set(
              String((key as { value?: unknown }).value),
              lineCounter.linePos(key.range[0]).line + firstLine - 1,
            );
          }
        }
      } catch {
        // A shape we do not expect: callers fall back to lineOf.
      }
      return lines;
    },
    lineOf(path, fallback = firstLine) {
      try {
        // A map entry is reported at its key ("WS1:"), which is where a PM looks for it.
        const key = path.length > 0 ? keyLine(nodeAt(path.slice(0, -1)), path, lineCounter) : undefined;
        if (key !== undefined) return key + firstLine - 1;
        const node = nodeAt(path);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line + firstLine - 1;
        return fallback;
      } catch {
        return fallback;
      }
    },
  };
}

/** Whether some map repeats a scalar key; errs towards yes (NaN), never towards no. */
function mayRepeatKeys(doc: Document.Parsed): boolean {
  let repeated = false;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) {
          repeated = true;
          return visit.BREAK;
        }
        seen.add(pair.key.value);
      }
      return undefined;
    },
  });
  return repeated;
}

/**
 * `doc.getIn(path, true)`, but a plain map is searched through an index of its keys built on its
 * first search: looking up each of 10,000 workstreams must not scan the whole map every time.
 */
function nodeFinder(doc: ReturnType<typeof parseDocument>): (path: (string | number)[]) => unknown {
  const indexes = new Map<YAMLMap, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: string | number): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      // The first pair whose scalar key is strictly equal to the key, as YAMLMap.get finds it.
      index = new Map();
      for (const pair of map.items)
        if (isPair(pair) && isScalar(pair.key) && !index.has(pair.key.value)) index.set(pair.key.value, pair);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path) => {
    let node: unknown = doc.contents;
    for (const key of path) {
      if (node instanceof YAMLMap && node.constructor === YAMLMap)
        node = pairOf(node, key)?.value ?? undefined;
      else if (isCollection(node)) node = node.get(key, true);
      else return undefined;
    }
    return node;
  };
}

function keyLine(
  parentNode: unknown,
  path: (string | number)[],
  lineCounter: LineCounter,
): number | undefined {
  const parent = parentNode as { items?: { key?: unknown }[] } | undefined;
  const last = path[path.length - 1];
  for (const pair of parent?.items ?? []) {
    const key = pair.key;
    if (isNode(key) && key.range && String((key as { value?: unknown }).value) === String(last)) {
      return lineCounter.linePos(key.range[0]).line;
    }
  }
  return undefined;
}

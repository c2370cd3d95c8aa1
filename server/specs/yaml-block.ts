/**
 * Frontmatter YAML, read with its source lines. Most frontmatter is plain block YAML, which the
 * fast path reads exactly in a fraction of the library's time (0.5 s for 10,000 workstreams);
 * anything else, errors included, is read by the yaml library.
 */
import type { IssueLog } from "./issues";
import { isWhitespaceCode } from "./markdown-lines";
import { scanSimpleYaml } from "./yaml-fast-path";
import { readYamlWithLibrary } from "./yaml-library-block";
import { scannedBlock } from "./yaml-node-lines";

export interface YamlBlock {
  data: unknown;
  /** File line of every key of the map at `path`, in one pass (lineOf per key would be quadratic). */
  keyLines(path: (string | number)[]): Map<string, number>;
  /** 1-based file line of the node at `path`, or `fallback` when the path is absent. */
  lineOf(path: (string | number)[], fallback?: number): number;
}

/**
 * Parses a YAML block whose first line is `firstLine` of `file`. Syntax errors become typed
 * `yaml_syntax` issues (a repeated key under a map of ids becomes `duplicate_id`) with file
 * line and column.
 */
export function parseYamlBlock(
  text: string,
  file: string,
  firstLine: number,
  log: IssueLog,
): YamlBlock | null {
  const scanned = scanSimpleYaml(text);
  if (scanned) return scannedBlock(scanned, firstLine);
  return readYamlWithLibrary(text, file, firstLine, log);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  if (typeof value === "string") {
    // Most values have nothing to trim: two character tests instead of a call, several per item.
    const last = value.length - 1;
    return last < 0 || (!isWhitespaceCode(value.charCodeAt(0)) && !isWhitespaceCode(value.charCodeAt(last)))
      ? value
      : value.trim();
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A YAML list, a single scalar or a comma-separated string, as strings. */
export function asStringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    // This runs several times per item, and the lists live as long as the plan: each is made at
    // its exact length (an array pushed to from empty reserves room for 17 entries), as a copy
    // when every entry is a trimmed string already (trim gives such a string back unchanged).
    let kept = 0;
    let clean = true;
    for (let i = 0; i < value.length; i++) {
      const entry = value[i];
      const text = asString(entry);
      if (text === undefined || text === "") clean = false;
      else {
        kept++;
        if (text !== entry) clean = false;
      }
    }
    if (clean) return value.slice();
    const list = new Array<string>(kept);
    kept = 0;
    for (let i = 0; i < value.length; i++) {
      const text = asString(value[i]);
      if (text !== undefined && text !== "") list[kept++] = text;
    }
    return list;
  }
  const single = asString(value);
  if (single === undefined || single === "") return [];
  // Trimmed already; most values name one thing.
  if (!single.includes(",")) return [single];
  return single
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * Frontmatter YAML, read with its source lines. Most frontmatter is plain block YAML, which the
 * fast path reads exactly in a fraction of the library's time (0.5 s for 10,000 workstreams);
 * anything else, errors included, is read by the yaml library.
 */
import type { IssueLog } from "./issues";
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
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A YAML list, a single scalar or a comma-separated string, as strings. */
export function asStringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    // One array, not a mapped one and a filtered one: this runs several times per item.
    const list: string[] = [];
    for (const entry of value) {
      const text = asString(entry);
      if (text !== undefined && text !== "") list.push(text);
    }
    return list;
  }
  const single = asString(value);
  if (single === undefined || single === "") return [];
  return single
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

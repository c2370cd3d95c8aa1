/**
 * A careful line scanner for the line-oriented spec formats. Every format we read keys on line
 * starts (checkboxes, headings, `**Label:**`), so a full markdown AST buys little; what matters is
 * skipping fenced code, where SQL and shell often look like list items.
 */
import type { ItemState } from "./types";

export interface MarkdownLine {
  /** 1-based line number in the original file. */
  number: number;
  text: string;
  inFence: boolean;
}

export function splitLines(content: string): string[] {
  return content.split(/\r\n|\r|\n/);
}

export function scanLines(lines: string[], firstLine = 1): MarkdownLine[] {
  const out: MarkdownLine[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence === null && marker) {
      fence = marker;
      out.push({ number: firstLine + i, text, inFence: true });
      continue;
    }
    if (fence !== null) {
      if (marker?.startsWith(fence) && text.trim().replace(/[`~]/g, "") === "") fence = null;
      out.push({ number: firstLine + i, text, inFence: true });
      continue;
    }
    out.push({ number: firstLine + i, text, inFence: false });
  }
  return out;
}

export interface Frontmatter {
  yaml: string;
  /** 1-based line of the first YAML line (the one after the opening `---`). */
  firstLine: number;
  /** Lines after the closing `---`, with their original numbering. */
  bodyLines: string[];
  bodyFirstLine: number;
}

/** The YAML block between a leading `---` and the next `---`/`...`, or null if the file has none. */
export function splitFrontmatter(lines: string[]): Frontmatter | null {
  if ((lines[0] ?? "").trimEnd() !== "---") return null;
  for (let i = 1; i < lines.length; i++) {
    const t = (lines[i] ?? "").trimEnd();
    if (t === "---" || t === "...") {
      return {
        yaml: lines.slice(1, i).join("\n"),
        firstLine: 2,
        bodyLines: lines.slice(i + 1),
        bodyFirstLine: i + 2,
      };
    }
  }
  return null;
}

export interface Checkbox {
  indent: number;
  mark: string;
  /** Kiro's `[ ]*`: the task may be skipped. */
  optional: boolean;
  text: string;
}

const CHECKBOX = /^(\s*)[-*+]\s+\[([ xX~-])\](\*)?(?:\s+(.*))?$/;

export function parseCheckbox(text: string): Checkbox | null {
  const m = CHECKBOX.exec(text);
  if (!m) return null;
  return {
    indent: (m[1] ?? "").replace(/\t/g, "    ").length,
    mark: m[2] ?? " ",
    optional: m[3] === "*",
    text: (m[4] ?? "").trim(),
  };
}

export function stateFromMark(mark: string): ItemState {
  if (mark === "x" || mark === "X") return "done";
  if (mark === "-") return "in_progress";
  if (mark === "~") return "blocked";
  return "pending";
}

export interface Heading {
  level: number;
  text: string;
}

export function parseHeading(text: string): Heading | null {
  const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
  if (!m) return null;
  return { level: (m[1] ?? "#").length, text: (m[2] ?? "").trim() };
}

/** `**Label:** value` or `- **Label:** value` → value for a label, case-insensitive. */
export function boldLabel(text: string): { label: string; value: string } | null {
  const m = /^\s*(?:[-*+]\s+)?\*\*([^*]+?):?\*\*:?\s*(.*)$/.exec(text);
  if (!m) return null;
  return { label: (m[1] ?? "").trim().toLowerCase(), value: (m[2] ?? "").trim() };
}

/** Markdown emphasis and code spans removed, for titles shown in tables. */
export function plainText(text: string): string {
  if (!text.includes("*") && !text.includes("`") && !/\s\s|[\t\n\r]/.test(text)) return text.trim();
  return text
    .replace(/\*\*([^*]*)\*\*/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

const PATH_TOKEN = /`([^`\s]+)`|((?:\.{0,2}\/)?[\w@.-]+(?:\/[\w@.[\]-]+)+\.[A-Za-z][\w]{0,5})/g;

/**
 * File paths named in a line of prose: backticked tokens or bare tokens that contain a folder
 * and an extension. Bare names without a folder ("directory.ts") are too often references to
 * existing code rather than outputs, so they are left out.
 */
export function extractPaths(text: string): string[] {
  const found: string[] = [];
  if (!text.includes("/")) return found;
  // exec() on the shared regex: matchAll() would clone and recompile it for every line.
  PATH_TOKEN.lastIndex = 0;
  for (let m = PATH_TOKEN.exec(text); m !== null; m = PATH_TOKEN.exec(text)) {
    const token = (m[1] ?? m[2] ?? "").replace(/[.,;:)]+$/, "");
    if (!token.includes("/") || !/\.[A-Za-z]\w{0,5}$/.test(token)) continue;
    if (/^[a-z]+:\/\//i.test(token)) continue;
    if (!found.includes(token)) found.push(token);
  }
  return found;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "services/player/dtos.ts (update)" → "services/player/dtos.ts": the engine checks paths, not notes. */
export function cleanOutputPath(text: string): string {
  return text
    .replace(/\s+\(.*\)\s*$/, "")
    .replace(/^`|`$/g, "")
    .trim();
}

/** Ids listed in prose: "US-001, US-006", "T010-T013", "none (sequential)". */
export function splitIdList(value: string): string[] {
  const text = value.replace(/\([^)]*\)/g, " ").trim();
  if (/^(none|n\/a|-|—|\[\])?\.?$/i.test(text)) return [];
  return text
    .replace(/^\[|\]$/g, "")
    .split(/\s*(?:,|;|\band\b|\s)\s*/)
    .map((s) => s.trim().replace(/^["'`]|["'`.]$/g, ""))
    .filter((s) => s !== "" && !/^(none|n\/a)$/i.test(s));
}

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
  // A plain split is several times faster than the regex one, and most files have no \r at all.
  return content.includes("\r") ? content.split(/\r\n|\r|\n/) : content.split("\n");
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function scanLines(lines: string[], firstLine = 1): MarkdownLine[] {
  const fenced = fencedLines(lines);
  return lines.map((text, i) => ({ number: firstLine + i, text, inFence: fenced[i] === 1 }));
}

/** 1 for every line of fenced code, its fences included; what scanLines reports as `inFence`. */
export function fencedLines(lines: string[]): Uint8Array {
  const fenced = new Uint8Array(lines.length);
  let fence: string | null = null;
  lines.forEach((text, i) => {
    const marker = FENCE.exec(text)?.[1];
    if (fence === null && marker) {
      fence = marker;
      fenced[i] = 1;
    } else if (fence !== null) {
      if (marker?.startsWith(fence) && text.trim().replace(/[`~]/g, "") === "") fence = null;
      fenced[i] = 1;
    }
  });
  return fenced;
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
  // A change here must be made to readFrontmatter too.
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

/**
 * `splitFrontmatter(splitLines(content))`, read from the content in place: the YAML is a slice
 * of it, not 60,000 lines split and joined again, and only the body is split into lines.
 */
export function readFrontmatter(content: string): Frontmatter | null {
  // Line breaks other than \n are rare; those files take the line by line reading.
  if (content.includes("\r")) return splitFrontmatter(splitLines(content));
  let end = content.indexOf("\n");
  if (end < 0 || !isFenceLine(content, 0, end, "---")) return null;
  const yamlStart = end + 1;
  let lineIndex = 1;
  for (let start = yamlStart; ; start = end + 1, lineIndex++) {
    end = content.indexOf("\n", start);
    if (end < 0) end = content.length;
    if (isFenceLine(content, start, end, "---") || isFenceLine(content, start, end, "...")) {
      return {
        yaml: content.slice(yamlStart, start - 1),
        firstLine: 2,
        bodyLines: end === content.length ? [] : content.slice(end + 1).split("\n"),
        bodyFirstLine: lineIndex + 2,
      };
    }
    if (end === content.length) return null;
  }
}

/** Whether the line from `start` to `end` is `fence` followed by whitespace only (what trimEnd removes). */
function isFenceLine(content: string, start: number, end: number, fence: string): boolean {
  if (end - start < 3 || !content.startsWith(fence, start)) return false;
  for (let i = start + 3; i < end; i++) if (!isWhitespaceCode(content.charCodeAt(i))) return false;
  return true;
}

export interface Checkbox {
  indent: number;
  mark: string;
  /** Kiro's `[ ]*`: the task may be skipped. */
  optional: boolean;
  text: string;
}

/**
 * `^(\s*)[-*+]\s+\[([ xX~-])\](\*)?(?:\s+(.*))?$`, scanned by hand: parsers try it on every line
 * of lists with tens of thousands of lines, and a regex match allocates an array per line. Each
 * step is forced (no choice the regex could backtrack into changes the outcome).
 */
export function parseCheckbox(text: string): Checkbox | null {
  const textStart = checkboxTextStart(text);
  if (textStart < 0) return null;
  let indentEnd = 0;
  while (isWhitespaceCode(text.charCodeAt(indentEnd))) indentEnd++;
  let end = text.length;
  while (end > textStart && isWhitespaceCode(text.charCodeAt(end - 1))) end--;
  const afterMark = text.indexOf("]", indentEnd) + 1;
  return {
    indent: indentWidth(text, indentEnd),
    mark: text.charAt(afterMark - 2),
    optional: text.charCodeAt(afterMark) === STAR,
    text: text.slice(textStart, end),
  };
}

/**
 * Where a checkbox line's text starts (its end is the line's end, trailing whitespace left out),
 * or -1 when the line is no checkbox: parseCheckbox without making anything, for callers that
 * only test the text.
 */
export function checkboxTextStart(text: string): number {
  // Most lines of a big list are sub-bullets with no box at all.
  if (!text.includes("[")) return -1;
  const length = text.length;
  let at = 0;
  while (at < length && isWhitespaceCode(text.charCodeAt(at))) at++;
  const bullet = text.charCodeAt(at);
  if (bullet !== DASH && bullet !== STAR && bullet !== PLUS) return -1;
  at++;
  const gapStart = at;
  while (at < length && isWhitespaceCode(text.charCodeAt(at))) at++;
  if (at === gapStart || text.charCodeAt(at) !== OPEN_BRACKET || text.charCodeAt(at + 2) !== CLOSE_BRACKET)
    return -1;
  if (!CHECKBOX_MARKS.includes(text.charAt(at + 1))) return -1;
  at += 3;
  if (text.charCodeAt(at) === STAR) at++;
  if (at === length) return at;
  // `(?:\s+(.*))?$`: at least one space, then a rest without line breaks (`.` stops at them).
  const restGap = at;
  while (at < length && isWhitespaceCode(text.charCodeAt(at))) at++;
  if (at === restGap || hasLineBreakFrom(text, at)) return -1;
  return at;
}

const DASH = 0x2d;
const STAR = 0x2a;
const PLUS = 0x2b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const TAB = 0x09;
const CHECKBOX_MARKS = " xX~-";

/** Whether a UTF-16 unit is JavaScript whitespace: what `\s` matches and `trim()` removes. */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const LINE_BREAK = /[\n\r\u2028\u2029]/g;

/** Whether `text` holds, from `from` on, a unit that `.` in a regex does not match. */
export function hasLineBreakFrom(text: string, from: number): boolean {
  // A native search: the scanners' rests are long, and a line rarely holds a break at all.
  LINE_BREAK.lastIndex = from;
  return LINE_BREAK.test(text);
}

/** Width of a line's leading whitespace, a tab counting as four spaces. */
export function indentOf(text: string): number {
  let end = 0;
  while (end < text.length && isWhitespaceCode(text.charCodeAt(end))) end++;
  return indentWidth(text, end);
}

/** Width of `text`'s first `end` units, all whitespace, a tab counting as four. */
function indentWidth(text: string, end: number): number {
  let width = end;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === TAB) width += 3;
  return width;
}

/**
 * Comma-separated values, each trimmed: for an already trimmed value, the same as splitting on
 * commas and the whitespace around them, without the cost of a regex split.
 */
export function splitCommas(value: string): string[] {
  // Most values are single; String#split is a runtime call even when there is nothing to split.
  const parts = value.includes(",") ? value.split(",") : [value];
  for (let i = 0; i < parts.length; i++) parts[i] = (parts[i] ?? "").trim();
  return parts;
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

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

export function parseHeading(text: string): Heading | null {
  // Parsers try every line; only a line that starts with # can be a heading.
  if (!text.startsWith("#")) return null;
  const m = HEADING.exec(text);
  if (!m) return null;
  return { level: (m[1] ?? "#").length, text: (m[2] ?? "").trim() };
}

/** `**Label:** value` or `- **Label:** value` → value for a label, case-insensitive. */
export function boldLabel(text: string): { label: string; value: string } | null {
  const m = /^\s*(?:[-*+]\s+)?\*\*([^*]+?):?\*\*:?\s*(.*)$/.exec(text);
  if (!m) return null;
  return { label: (m[1] ?? "").trim().toLowerCase(), value: (m[2] ?? "").trim() };
}

const SPACING = /\s\s|[\t\n\r]/;
const BOLD = /\*\*([^*]*)\*\*/g;
const CODE_SPAN = /`([^`]*)`/g;
const WHITESPACE_RUN = /\s+/g;

/** Markdown emphasis and code spans removed, for titles shown in tables. */
export function plainText(text: string): string {
  if (!text.includes("*") && !text.includes("`") && !SPACING.test(text)) return text.trim();
  return text.replace(BOLD, "$1").replace(CODE_SPAN, "$1").replace(WHITESPACE_RUN, " ").trim();
}

const TRAILING_PUNCTUATION = /[.,;:)]+$/;
const EXTENSION = /\.[A-Za-z]\w{0,5}$/;
const URL_SCHEME = /^[a-z]+:\/\//i;
const PATH_TOKEN = /`([^`\s]+)`|((?:\.{0,2}\/)?[\w@.-]+(?:\/[\w@.[\]-]+)+\.[A-Za-z][\w]{0,5})/g;

/**
 * File paths named in a line of prose: backticked tokens or bare tokens that contain a folder
 * and an extension. Bare names without a folder ("directory.ts") are too often references to
 * existing code rather than outputs, so they are left out.
 */
export function extractPaths(text: string): string[] {
  // Most lines name no path; the others become an item's outputs, kept as long as the plan, so
  // they are gathered in a shared list and copied at their exact length (an array pushed to from
  // empty reserves room for 17).
  if (!text.includes("/")) return [];
  const found = foundPaths;
  let count = 0;
  // exec() on the shared regex: matchAll() would clone and recompile it for every line. Tokens
  // hold no spaces and only tokens with a slash are kept, so each search starts at the word with
  // the next slash: tried at every position of every word, the pattern backtracks through it.
  PATH_TOKEN.lastIndex = 0;
  for (let slash = text.indexOf("/"); slash >= 0; slash = text.indexOf("/", PATH_TOKEN.lastIndex)) {
    PATH_TOKEN.lastIndex = Math.max(PATH_TOKEN.lastIndex, text.lastIndexOf(" ", slash) + 1);
    const m = PATH_TOKEN.exec(text);
    if (m === null) break;
    const token = (m[1] ?? m[2] ?? "").replace(TRAILING_PUNCTUATION, "");
    if (!token.includes("/") || !EXTENSION.test(token)) continue;
    if (URL_SCHEME.test(token)) continue;
    // Past `count` the list holds only "" (see below), which no token equals.
    if (!found.includes(token)) found[count++] = token;
  }
  const paths = found.slice(0, count);
  // Emptied by hand, not by `length = 0`, which would free its storage for the next call.
  for (let i = 0; i < count; i++) found[i] = "";
  return paths;
}

/** extractPaths' working list: "" beyond the paths of the call under way. */
const foundPaths: string[] = [];

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const TRAILING_NOTE = /\s+\(.*\)\s*$/;
const OUTER_BACKTICKS = /^`|`$/g;

/** "services/player/dtos.ts (update)" → "services/player/dtos.ts": the engine checks paths, not notes. */
export function cleanOutputPath(text: string): string {
  // Both patterns need a character most paths lack; testing for it first is much cheaper.
  const withoutNote = text.includes(")") ? text.replace(TRAILING_NOTE, "") : text;
  return (withoutNote.includes("`") ? withoutNote.replace(OUTER_BACKTICKS, "") : withoutNote).trim();
}

const PARENTHESES = /\([^)]*\)/g;
const NO_IDS = /^(none|n\/a|-|—|\[\])?\.?$/i;
const LIST_BRACKETS = /^\[|\]$/g;
const ID_SEPARATOR = /\s*(?:,|;|\band\b|\s)\s*/;
const QUOTES = /^["'`]|["'`.]$/g;
const NONE = /^(none|n\/a)$/i;

// Task numbers, commas and spaces only ("4, 11.2"): nothing in it is a note, a bracket, a quote,
// "none" or "and", so the general reading below comes down to splitting on commas and spaces and
// dropping one trailing dot from each id.
const PLAIN_NUMBER_LIST = /^[\d., ]*$/;

function splitNumberList(value: string): string[] {
  // Bounds first, so the list is made at its exact length (see withUnique). The bounds array is
  // reused and never emptied: setting its length to 0 would free its storage for the next push.
  let bounds = 0;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const code = i < value.length ? value.charCodeAt(i) : COMMA;
    if (code !== COMMA && code !== SPACE) continue;
    const end = i > start && value.charCodeAt(i - 1) === DOT ? i - 1 : i;
    if (end > start) {
      numberBounds[bounds++] = start;
      numberBounds[bounds++] = end;
    }
    start = i + 1;
  }
  const ids = new Array<string>(bounds / 2);
  for (let n = 0; n < ids.length; n++)
    ids[n] = value.slice(numberBounds[2 * n] ?? 0, numberBounds[2 * n + 1] ?? 0);
  return ids;
}

/** Start and end of each id splitNumberList finds, in its first slots; shared by every call. */
const numberBounds: number[] = [];
const COMMA = 0x2c;
const SPACE = 0x20;
const DOT = 0x2e;

/** Ids listed in prose: "US-001, US-006", "T010-T013", "none (sequential)". */
export function splitIdList(value: string): string[] {
  if (PLAIN_NUMBER_LIST.test(value)) return splitNumberList(value);
  const text = value.replace(PARENTHESES, " ").trim();
  if (NO_IDS.test(text)) return [];
  const ids: string[] = [];
  for (const part of text.replace(LIST_BRACKETS, "").split(ID_SEPARATOR)) {
    const id = part.trim().replace(QUOTES, "");
    if (id !== "" && !NONE.test(id)) ids.push(id);
  }
  return ids;
}

/**
 * Line by line reading for the fast YAML path: the current content line (blank and comment lines
 * skipped) and where its text starts and ends.
 */
import type { NodeLines } from "./yaml-node-lines";

/** Thrown inside the scanner only, on anything it does not read; scanSimpleYaml returns null. */
export class Unsupported extends Error {}

export function unsupported(): never {
  throw new Unsupported();
}

// Each file keeps its own character codes: imported constants are read through module getters
// in the dev and test builds, which costs more than the whole scan.
const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COMMA = 0x2c;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** The current line: the next one that holds more than spaces or a comment. */
export class LineReader {
  /** 1-based line number within the block. */
  line = 0;
  start = 0;
  indent = 0;
  /** Index of the line's first character after the indentation, and of its end. */
  content = 0;
  end = -1;
  done = false;
  /** The node read last: its lines, and the index just past it on its line (flow nodes). */
  nodeLines: NodeLines = 0;
  nodeEnd = 0;

  constructor(readonly text: string) {
    this.advance();
  }

  advance(): void {
    const text = this.text;
    while (this.end < text.length) {
      const start = this.end + 1;
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      let content = start;
      while (content < end && text.charCodeAt(content) === SPACE) content++;
      this.line++;
      this.end = end;
      if (content < end && text.charCodeAt(content) !== HASH) {
        this.start = start;
        this.indent = content - start;
        this.content = content;
        return;
      }
    }
    this.done = true;
  }

  isDashItem(at = this.content): boolean {
    return (
      this.text.charCodeAt(at) === DASH && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE)
    );
  }

  /** Index of the first non-space character at or after `at` on this line. */
  skipSpaces(at: number): number {
    while (at < this.end && this.text.charCodeAt(at) === SPACE) at++;
    return at;
  }

  /** The rest of the line from `at` must be empty or a comment (after at least one space). */
  expectLineEnd(at: number): void {
    const next = this.skipSpaces(at);
    if (next < this.end && (this.text.charCodeAt(next) !== HASH || next === at)) unsupported();
  }
}

/** A quoted scalar closed on its own line, without escapes; sets `nodeEnd` past the closing quote. */
export function readQuoted(r: LineReader, open: number): string {
  const text = r.text;
  const quote = text.charCodeAt(open);
  let close = text.indexOf(quote === SINGLE_QUOTE ? "'" : '"', open + 1);
  if (quote === SINGLE_QUOTE) {
    // '' is a quote inside single quotes.
    while (close >= 0 && close < r.end && text.charCodeAt(close + 1) === SINGLE_QUOTE)
      close = text.indexOf("'", close + 2);
  }
  if (close < 0 || close >= r.end) unsupported();
  r.nodeEnd = close + 1;
  const inner = text.slice(open + 1, close);
  return quote === SINGLE_QUOTE && inner.includes("'") ? inner.replaceAll("''", "'") : inner;
}

// Indicators that give a node a meaning of its own when they start it (anchors, tags, block
// scalars, directives, reserved characters, flow and quote openers, comments).
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

/**
 * Whether a plain scalar may start at `at`: not with an indicator, except a dash that is not an
 * item marker (`-1`, `--flag`). `?` and `:` starts are legal but left to the library.
 */
export function plainStart(r: LineReader, at: number, inFlow: boolean): boolean {
  if (at >= r.end) return false;
  const code = r.text.charCodeAt(at);
  if (code === SPACE) return false;
  // Every indicator is ASCII punctuation; letters and digits, most scalars' first character, are not.
  if (code > 0x7f || !INDICATORS.includes(r.text.charAt(at))) return true;
  if (code !== DASH || at + 1 >= r.end) return false;
  const next = r.text.charCodeAt(at + 1);
  if (next === SPACE) return false;
  return !inFlow || !isFlowIndicator(next);
}

export function isFlowIndicator(code: number): boolean {
  return (
    code === COMMA ||
    code === OPEN_BRACKET ||
    code === CLOSE_BRACKET ||
    code === OPEN_BRACE ||
    code === CLOSE_BRACE
  );
}

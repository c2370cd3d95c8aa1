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
  /**
   * Entries of the collections being read, innermost last: each collection gathers its entries
   * here and takes them as one array of their exact length when it closes. An array pushed to
   * from empty reserves room for 17 entries, then 41, which every one of 10,000 workstreams (and
   * each of its flow lists) would keep for as long as the spec lives.
   */
  readonly pending: unknown[] = [];
  pendingTop = 0;
  /** Where the next ` #` starts, as commentFrom last found it. */
  private comment = -1;
  /** Plain keys read lately, by their first character and length (see keyOf). */
  readonly keyCache: (string | undefined)[] = new Array(64);

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

  /**
   * Where the first ` #` at or after `at` starts (the index of its space), or the text's length.
   * One native search serves every scalar up to the one it finds, where a scan per scalar would
   * test each character; `at` only grows, as the reader moves forward.
   */
  commentFrom(at: number): number {
    if (this.comment < at) {
      const found = this.text.indexOf(" #", at);
      this.comment = found < 0 ? this.text.length : found;
    }
    return this.comment;
  }

  /** Adds an entry to the innermost collection being read (see `pending`). */
  collect(entry: unknown): void {
    this.pending[this.pendingTop++] = entry;
  }

  /** The entries collected since `from`, as their own array; they leave `pending`. */
  collected<T>(from: number): T[] {
    const entries = this.pending.slice(from, this.pendingTop) as T[];
    this.pendingTop = from;
    return entries;
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
// scalars, directives, reserved characters, flow and quote openers, comments), as a table by
// character code: this is asked for every scalar.
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
const IS_INDICATOR = new Uint8Array(0x80);
for (let i = 0; i < INDICATORS.length; i++) IS_INDICATOR[INDICATORS.charCodeAt(i)] = 1;

/**
 * Whether a plain scalar may start at `at`: not with an indicator, except a dash that is not an
 * item marker (`-1`, `--flag`). `?` and `:` starts are legal but left to the library.
 */
export function plainStart(r: LineReader, at: number, inFlow: boolean): boolean {
  if (at >= r.end) return false;
  const code = r.text.charCodeAt(at);
  if (code === SPACE) return false;
  if (code > 0x7f || IS_INDICATOR[code] === 0) return true;
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

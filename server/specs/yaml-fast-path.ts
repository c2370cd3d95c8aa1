/**
 * An exact reader for the plain YAML that spec frontmatter is written in: block maps and
 * sequences, one-line flow sequences and maps, one-line plain and quoted scalars, blank and
 * comment lines. It gives what the yaml library gives (the same JS values, the same line for
 * every node) or null for anything else: anchors, aliases, tags, block and multi-line scalars,
 * escapes, tabs, repeated keys, unusual indentation, document markers, characters YAML treats
 * specially, anything that could be an error. On null the caller reads the text with the library,
 * so unusual documents and every error keep the library's exact reading.
 *
 * Why: the library takes about half a second on a 10,000-workstream EXEC-SPEC; this takes a
 * few milliseconds. yaml-fast-path.property.test.ts checks the two readings agree.
 */
import { isFlowIndicator, LineReader, plainStart, readQuoted, unsupported } from "./yaml-line-reader";
import type { MapLines, ScannedYaml, SeqLines } from "./yaml-node-lines";
import { resolvePlainScalar } from "./yaml-plain-scalars";

// Character codes kept in this file: see yaml-line-reader.ts.
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

// Anything but line feeds and printable characters: tabs, carriage returns, control characters,
// and spaces and line breaks beyond ASCII, which YAML treats specially or which are not worth
// reading by hand. Backslashes are only special in double quotes, but are rare enough to leave to
// the library everywhere. Written as the characters allowed (lint forbids control characters).
const UNSUPPORTED_CHARACTER =
  /[^\n\u0020-\u005b\u005d-\u007e\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ufefe\uff00-\ufffd]/;

/** `text`'s values and node lines, or null when only the yaml library can read it exactly. */
export function scanSimpleYaml(text: string): ScannedYaml | null {
  if (UNSUPPORTED_CHARACTER.test(text)) return null;
  try {
    const r = new LineReader(text);
    // An empty document, or one that is not a map at the left margin, is the library's.
    if (r.done || r.indent !== 0 || r.isDashItem()) return null;
    const data = blockMap(r, 0, r.content);
    return r.done ? { data, lines: r.nodeLines } : null;
  } catch {
    // Unsupported, or a scalar a tag would report on: either way the library's reading is exact.
    return null;
  }
}

// Each reader below returns a node's value and leaves its lines in `r.nodeLines`.

/** A block map whose first key starts at `from` on the current line, its keys at column `indent`. */
function blockMap(r: LineReader, indent: number, from: number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const line = r.line;
  const entriesFrom = r.pendingTop;
  let at = from;
  for (;;) {
    if (indent === 0 && (r.text.startsWith("---", at) || r.text.startsWith("...", at))) unsupported();
    const keyLine = r.line;
    const colon = keyEnd(r, at);
    if (colon < 0) unsupported();
    const key = keyOf(r, at, colon);
    const next = r.skipSpaces(colon + 1);
    let entry: unknown;
    if (next === r.end || r.text.charCodeAt(next) === HASH) {
      r.advance();
      if (!r.done && (r.indent > indent || (r.indent === indent && r.isDashItem()))) {
        entry = r.isDashItem() ? blockSeq(r, r.indent) : blockMap(r, r.indent, r.content);
      } else {
        entry = null;
        r.nodeLines = keyLine;
      }
    } else {
      entry = inlineValue(r, next);
      r.advance();
      // A more indented line would continue the scalar or be an error.
      if (!r.done && r.indent > indent) unsupported();
    }
    addEntry(value, key, keyLine, entry, r);
    if (r.done || r.indent < indent) break;
    if (r.indent > indent) unsupported();
    at = r.content;
  }
  const lines: MapLines = { kind: "map", line, entries: r.collected(entriesFrom) };
  r.nodeLines = lines;
  return value;
}

/** A block sequence whose dashes are at column `indent`, the current line being its first item. */
function blockSeq(r: LineReader, indent: number): unknown[] {
  const value: unknown[] = [];
  const line = r.line;
  const itemsFrom = r.pendingTop;
  for (;;) {
    const at = r.skipSpaces(r.content + 1);
    // An empty item, a nested sequence or a comment in place of the item.
    if (at === r.end || r.text.charCodeAt(at) === HASH || r.isDashItem(at)) unsupported();
    if (keyEnd(r, at) >= 0) {
      value.push(blockMap(r, at - r.start, at));
    } else {
      value.push(inlineValue(r, at));
      r.advance();
      if (!r.done && r.indent > indent) unsupported();
    }
    r.collect(r.nodeLines);
    if (r.done || r.indent < indent) break;
    if (r.indent > indent) unsupported();
    if (!r.isDashItem()) break;
  }
  const lines: SeqLines = { kind: "seq", line, items: r.collected(itemsFrom) };
  r.nodeLines = lines;
  return value;
}

/** A value written after `key: ` or `- `, up to the end of its line. */
function inlineValue(r: LineReader, at: number): unknown {
  const code = r.text.charCodeAt(at);
  if (code === OPEN_BRACKET || code === OPEN_BRACE || code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
    const value = flowNode(r, at);
    r.expectLineEnd(r.nodeEnd);
    return value;
  }
  if (!plainStart(r, at, false)) unsupported();
  // A plain scalar runs to the end of the line or to a comment (` #`; `at` holds no `#`).
  const comment = r.commentFrom(at);
  let end = Math.min(comment, r.end);
  while (end > at && r.text.charCodeAt(end - 1) === SPACE) end--;
  const text = r.text.slice(at, end);
  // `a: b: c` is a nested map the library rejects; `a: b:` too.
  if (text.includes(": ") || text.charCodeAt(text.length - 1) === COLON) unsupported();
  r.nodeLines = r.line;
  return resolvePlainScalar(text);
}

/** Where a block map key starting at `at` ends (its colon), or -1 when the line holds no key there. */
function keyEnd(r: LineReader, at: number): number {
  const text = r.text;
  const code = text.charCodeAt(at);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
    readQuoted(r, at);
    const colon = r.nodeEnd;
    return text.charCodeAt(colon) === COLON && (colon + 1 === r.end || text.charCodeAt(colon + 1) === SPACE)
      ? colon
      : -1;
  }
  if (!plainStart(r, at, false)) return -1;
  for (let i = at; i < r.end; i++) {
    const c = text.charCodeAt(i);
    if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
    if (c === COLON && (i + 1 === r.end || text.charCodeAt(i + 1) === SPACE)) return i;
  }
  return -1;
}

/** The key from `at` to its colon, as the library resolves it. */
function keyOf(r: LineReader, at: number, colon: number): unknown {
  const code = r.text.charCodeAt(at);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) return readQuoted(r, at);
  // `a : b` and keys longer than YAML allows are left to the library.
  if (r.text.charCodeAt(colon - 1) === SPACE || colon - at > 1000) unsupported();
  // The keys of 10,000 workstreams are the same few words: each is taken from the cache, not
  // sliced again, so the objects are keyed by one string (hashed and interned once) per word.
  const length = colon - at;
  const slot = (code * 31 + length) & KEY_CACHE_MASK;
  const cached = r.keyCache[slot];
  if (cached !== undefined && cached.length === length && sameText(r.text, at, cached)) return cached;
  const text = r.text.slice(at, colon);
  const key = resolvePlainScalar(text);
  // Only keys that stay strings: a cached key is returned without resolving it again.
  if (key === text) r.keyCache[slot] = text;
  return key;
}

const KEY_CACHE_MASK = 63;

/** `text.startsWith(word, at)`, compared here: keys are short, and a call costs more. */
function sameText(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(at + i) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Adds a key and the node just read to a block map (its lines to the map's pending entries); a
 * repeated key is the library's to report.
 */
function addEntry(
  value: Record<string, unknown>,
  key: unknown,
  keyLine: number,
  entry: unknown,
  r: LineReader,
): void {
  setNewProperty(value, key === null ? "" : String(key), entry);
  r.collect(key);
  r.collect(keyLine);
  r.collect(r.nodeLines);
}

/**
 * Sets a key as the library's toJS does: inherited names (`constructor`, `__proto__`) become own
 * properties. A key already set is unsupported (the library reports it).
 */
function setNewProperty(value: Record<string, unknown>, name: string, entry: unknown): void {
  // No value read here is undefined, so an undefined one means the name is neither a key set
  // already nor an inherited one: one lookup decides for most keys, not an own and an inherited test.
  if (value[name] === undefined) value[name] = entry;
  else if (Object.hasOwn(value, name)) unsupported();
  else
    Object.defineProperty(value, name, {
      value: entry,
      writable: true,
      enumerable: true,
      configurable: true,
    });
}

/** A flow sequence, flow map, quoted scalar or plain scalar starting at `at`, all on this line. */
function flowNode(r: LineReader, at: number): unknown {
  const code = r.text.charCodeAt(at);
  if (code === OPEN_BRACKET) return flowSeq(r, at);
  if (code === OPEN_BRACE) return flowMap(r, at);
  r.nodeLines = -r.line;
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) return readQuoted(r, at);
  if (!plainStart(r, at, true)) unsupported();
  let end = at;
  for (; end < r.end; end++) {
    const c = r.text.charCodeAt(end);
    if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE) break;
    // Colons (implicit pairs, URLs), comments and nested openers inside a flow scalar are the library's.
    if (c === COLON || c === HASH || c === OPEN_BRACKET || c === OPEN_BRACE) unsupported();
  }
  r.nodeEnd = end;
  while (end > at && r.text.charCodeAt(end - 1) === SPACE) end--;
  return resolvePlainScalar(r.text.slice(at, end));
}

// Flow collections keep no lines of their own (see NodeLines): a node on line n is -n.

function flowSeq(r: LineReader, open: number): unknown[] {
  const line = r.line;
  const itemsFrom = r.pendingTop;
  let at = r.skipSpaces(open + 1);
  while (at >= r.end || r.text.charCodeAt(at) !== CLOSE_BRACKET) {
    if (r.pendingTop > itemsFrom) {
      if (at >= r.end || r.text.charCodeAt(at) !== COMMA) unsupported();
      at = r.skipSpaces(at + 1);
    }
    // An empty item, a trailing comma or a line break inside the brackets.
    const c = r.text.charCodeAt(at);
    if (at >= r.end || c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE) unsupported();
    r.collect(flowNode(r, at));
    at = r.skipSpaces(r.nodeEnd);
  }
  r.nodeLines = -line;
  r.nodeEnd = at + 1;
  return r.collected(itemsFrom);
}

// An index-like key ("1") would come first among an object's keys, out of the written order
// that keyLines reports; other keys than strings would need lines of their own.
const INDEX_LIKE = /^\d+$/;

function flowMap(r: LineReader, open: number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const line = r.line;
  let first = true;
  let at = r.skipSpaces(open + 1);
  while (at >= r.end || r.text.charCodeAt(at) !== CLOSE_BRACE) {
    if (!first) {
      if (at >= r.end || r.text.charCodeAt(at) !== COMMA) unsupported();
      at = r.skipSpaces(at + 1);
    }
    first = false;
    const colon = flowKeyEnd(r, at);
    const key = keyOf(r, at, colon);
    if (typeof key !== "string" || INDEX_LIKE.test(key)) unsupported();
    const valueAt = r.skipSpaces(colon + 1);
    // An empty value, a trailing comma or a line break inside the braces.
    const c = r.text.charCodeAt(valueAt);
    if (valueAt >= r.end || c === COMMA || c === CLOSE_BRACE) unsupported();
    setNewProperty(value, key, flowNode(r, valueAt));
    at = r.skipSpaces(r.nodeEnd);
  }
  r.nodeLines = -line;
  r.nodeEnd = at + 1;
  return value;
}

/** The colon after a flow map key starting at `at`, which must be followed by a space. */
function flowKeyEnd(r: LineReader, at: number): number {
  const text = r.text;
  let colon = at;
  const code = text.charCodeAt(at);
  if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
    readQuoted(r, at);
    colon = r.nodeEnd;
  } else {
    if (!plainStart(r, at, true)) unsupported();
    while (colon < r.end && text.charCodeAt(colon) !== COLON) {
      const c = text.charCodeAt(colon);
      if (c === HASH || isFlowIndicator(c)) unsupported();
      colon++;
    }
  }
  if (colon >= r.end || text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE)
    unsupported();
  return colon;
}

/**
 * The line shapes of a task list's sub-bullets, scanned by hand: a big list has tens of thousands
 * of them, and a regex match allocates an array for every line. Each scanner is the exact
 * equivalent of the pattern it documents.
 */
import { hasLineBreakFrom, isWhitespaceCode } from "./markdown-lines";

const UNDERSCORE = 0x5f;
const STAR = 0x2a;
const COLON = 0x3a;
const SPACE = 0x20;
const DASH = 0x2d;
const PLUS = 0x2b;

/**
 * Where a trimmed line's text starts after its bullet (`/^[-*+](?:\s+|$)/`), or 0 when the line
 * is not a bullet.
 */
export function afterBullet(text: string): number {
  const marker = text.charCodeAt(0);
  if (marker !== DASH && marker !== STAR && marker !== PLUS) return 0;
  if (text.length > 1 && !isWhitespaceCode(text.charCodeAt(1))) return 0;
  let at = 1;
  while (at < text.length && isWhitespaceCode(text.charCodeAt(at))) at++;
  return at;
}

/** Where a field's name and value lie in its line; the value ends before a closing `_`. */
export interface FieldBounds {
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * `/^_?\*{0,2}([A-Za-z][A-Za-z -]*?)\*{0,2}:\*{0,2}\s*(.*?)_?$/` on `text` from `start`: a field
 * such as `_Requirements: 1.2_` or `**Files:**`. Fills `bounds` and returns true on a match; the
 * caller slices only what it keeps. No step can backtrack into a different outcome: a name holds
 * neither `*` nor `:`, so it ends where its letters end.
 */
export function readField(text: string, start: number, bounds: FieldBounds): boolean {
  const length = text.length;
  let at = start;
  if (text.charCodeAt(at) === UNDERSCORE) at++;
  if (text.charCodeAt(at) === STAR) at++;
  if (text.charCodeAt(at) === STAR) at++;
  if (!isAsciiLetter(text.charCodeAt(at))) return false;
  const nameStart = at;
  at++;
  while (at < length && isNameCode(text.charCodeAt(at))) at++;
  const nameEnd = at;
  if (text.charCodeAt(at) === STAR) at++;
  if (text.charCodeAt(at) === STAR) at++;
  if (text.charCodeAt(at) !== COLON) return false;
  at++;
  if (text.charCodeAt(at) === STAR) at++;
  if (text.charCodeAt(at) === STAR) at++;
  while (at < length && isWhitespaceCode(text.charCodeAt(at))) at++;
  if (hasLineBreakFrom(text, at)) return false;
  bounds.nameStart = nameStart;
  bounds.nameEnd = nameEnd;
  bounds.valueStart = at;
  bounds.valueEnd = length > at && text.charCodeAt(length - 1) === UNDERSCORE ? length - 1 : length;
  return true;
}

/**
 * The entry of `names` (lower case) equal to `text.slice(start, end).trim().toLowerCase()`, or
 * undefined; compared in place, as field names are ASCII letters, spaces and dashes.
 */
export function matchName(
  text: string,
  start: number,
  end: number,
  names: readonly string[],
): string | undefined {
  let from = start;
  let to = end;
  while (from < to && text.charCodeAt(from) === SPACE) from++;
  while (to > from && text.charCodeAt(to - 1) === SPACE) to--;
  const length = to - from;
  for (const name of names) {
    if (name.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = (text.charCodeAt(from + i) | 0x20) === name.charCodeAt(i);
    if (same) return name;
  }
  return undefined;
}

/** `text.slice(start, end).trim()`, without the untrimmed copy. */
export function trimmedSlice(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from < to && isWhitespaceCode(text.charCodeAt(from))) from++;
  while (to > from && isWhitespaceCode(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameCode(code: number): boolean {
  return isAsciiLetter(code) || code === SPACE || code === DASH;
}

/** Where a task's number ends and its text starts. */
export interface TaskNumberBounds {
  idEnd: number;
  textStart: number;
}

/**
 * `/^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$/` (TASK_NUMBER) on a checkbox's text, which holds no line
 * breaks: fills `bounds` and returns true on a match. The number is the longest dotted run of
 * digits; any shorter one would be followed by a digit or by a dot and a digit, and fail.
 */
export function readTaskNumber(text: string, bounds: TaskNumberBounds): boolean {
  const length = text.length;
  let at = 0;
  while (at < length && isDigit(text.charCodeAt(at))) at++;
  if (at === 0) return false;
  while (text.charCodeAt(at) === DOT && isDigit(text.charCodeAt(at + 1))) {
    at += 2;
    while (at < length && isDigit(text.charCodeAt(at))) at++;
  }
  const idEnd = at;
  if (text.charCodeAt(at) === DOT) at++;
  if (at < length && !isWhitespaceCode(text.charCodeAt(at))) return false;
  while (at < length && isWhitespaceCode(text.charCodeAt(at))) at++;
  if (hasLineBreakFrom(text, at)) return false;
  bounds.idEnd = idEnd;
  bounds.textStart = at;
  return true;
}

const DOT = 0x2e;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * `/^(T\d{2,}[a-z]?)\b[:.]?\s*(.*)$/` (spec-kit's TASK_ID) on a checkbox's text: fills `bounds`
 * and returns true on a match. The digits and the letter are taken whole, as `\b` fails after any
 * shorter choice (a digit or a letter would follow).
 */
export function readSpecKitId(text: string, bounds: TaskNumberBounds): boolean {
  if (text.charCodeAt(0) !== LETTER_T) return false;
  const length = text.length;
  let at = 1;
  while (at < length && isDigit(text.charCodeAt(at))) at++;
  if (at < 3) return false;
  const letter = text.charCodeAt(at);
  if (letter >= 0x61 && letter <= 0x7a) at++;
  if (at < length && isWordCode(text.charCodeAt(at))) return false;
  const idEnd = at;
  const mark = text.charCodeAt(at);
  if (mark === COLON || mark === DOT) at++;
  while (at < length && isWhitespaceCode(text.charCodeAt(at))) at++;
  if (hasLineBreakFrom(text, at)) return false;
  bounds.idEnd = idEnd;
  bounds.textStart = at;
  return true;
}

const LETTER_T = 0x54;

/** `\w`: ASCII letters, digits and `_`. */
function isWordCode(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === UNDERSCORE;
}

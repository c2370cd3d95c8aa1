import { randomBytes } from "node:crypto";

/**
 * Public ids that say what they are and sort by creation time: `run_` + 10 chars of time +
 * 12 random chars, all Crockford base32 lower case.
 */
const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdKind = "prj" | "spec" | "run" | "wave" | "story" | "step" | "att" | "gate" | "apr" | "tok";

export function createId(kind: IdKind, now = Date.now()): string {
  let time = "";
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  const bytes = randomBytes(12);
  let random = "";
  for (const byte of bytes) random += alphabet[byte % 32];
  return `${kind}_${time}${random}`;
}

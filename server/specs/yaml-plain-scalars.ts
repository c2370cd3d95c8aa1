/**
 * Plain scalars resolved by the yaml library's own core-schema tags (null, booleans, integers,
 * floats), so the fast path gives `3`, `true`, `null` or `"type-check"` exactly where the library
 * would.
 */
import { Document, isScalar } from "yaml";

// A document made as parseDocument makes one (YAML 1.2, core schema, default options): its tags
// are the ones the library tries on every plain scalar, in the same order.
const DOCUMENT = new Document();
export const DEFAULT_SCALAR_TAGS = DOCUMENT.schema.tags.filter(
  (tag) => tag.default === true && tag.test !== undefined && !tag.collection,
);

/** The value the library gives a plain scalar; a string unless a tag's pattern claims it. */
export function resolvePlainScalar(text: string): unknown {
  if (!mayResolveToNonString(text)) return text;
  for (const tag of DEFAULT_SCALAR_TAGS) {
    if (!tag.test?.test(text)) continue;
    let failed = false;
    const resolved = tag.resolve(
      text,
      () => {
        failed = true;
      },
      DOCUMENT.options,
    );
    // A tag that reports a problem leaves the scalar to the library, which reports it too.
    if (failed) throw new Error(`unexpected ${tag.tag} scalar`);
    const value = isScalar(resolved) ? resolved.value : resolved;
    return typeof value === "bigint" ? Number(value) : value;
  }
  return text;
}

/**
 * Whether a core-schema tag may claim the text: every one of their patterns needs a digit, a
 * sign or a dot first, or is one of the words null/true/false (in three casings) or `~`.
 * Most scalars (names, paths, agent roles) are ruled out by their first character, without
 * running nine patterns on each. yaml-fast-path.property.test.ts checks this against the tags.
 */
export function mayResolveToNonString(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) return true;
  if (first === 0x7e) return text.length === 1;
  // The words null, true and false in their three casings: compared whole, because keys such as
  // `name` start like them and would otherwise try every pattern, 10,000 times in a big spec.
  if (text.length === 4)
    return (
      text === "null" ||
      text === "Null" ||
      text === "NULL" ||
      text === "true" ||
      text === "True" ||
      text === "TRUE"
    );
  return text.length === 5 && (text === "false" || text === "False" || text === "FALSE");
}

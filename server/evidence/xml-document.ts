import { XMLParser, XMLValidator } from "fast-xml-parser";
import { fail, ok, type Result } from "./types";

/** An XML element as fast-xml-parser gives it with `xmlParser` below: attributes prefixed `@_`, children always arrays. */
export type XmlElement = Record<string, unknown>;

const ATTR = "@_";

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: "#text",
  // Counts and names are read as text and converted by us: reports are untrusted and "1e400" or "0x10" must not surprise.
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Every element is an array so one-child and many-children documents read the same way.
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

/** Parses XML text, refusing malformed documents instead of guessing at them. */
export function parseXmlDocument(text: string, file: string | null): Result<XmlElement> {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return fail("empty_report", "the file is empty", file);
  let validation: ReturnType<typeof XMLValidator.validate>;
  try {
    validation = XMLValidator.validate(trimmed);
  } catch (e) {
    return fail("invalid_format", `not valid XML: ${String(e)}`, file);
  }
  if (validation !== true) {
    return fail("invalid_format", `not valid XML (line ${validation.err.line}): ${validation.err.msg}`, file);
  }
  try {
    return ok(xmlParser.parse(trimmed) as XmlElement);
  } catch (e) {
    return fail("invalid_format", `not valid XML: ${e instanceof Error ? e.message : String(e)}`, file);
  }
}

/** The child elements called `name`; elements without attributes or children come back as `{}`. */
export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (!Array.isArray(value)) return [];
  return value.map((child) => (child !== null && typeof child === "object" ? (child as XmlElement) : {}));
}

/** True when the element has a child called `name`, even an empty `<skipped/>`. */
export function hasChild(element: XmlElement, name: string): boolean {
  return Array.isArray(element[name]) && (element[name] as unknown[]).length > 0;
}

export function attr(element: XmlElement, name: string): string | undefined {
  const value = element[`${ATTR}${name}`];
  return typeof value === "string" ? value : undefined;
}

/** The text content of an element (or of a bare string child). */
export function textOf(element: XmlElement | string | undefined): string {
  if (element === undefined) return "";
  if (typeof element === "string") return element;
  const text = element["#text"];
  if (typeof text === "string") return text;
  if (Array.isArray(text)) return text.filter((t) => typeof t === "string").join("");
  return "";
}

/** The raw first child called `name`, which may be a string when it holds only text. */
export function firstRawChild(element: XmlElement, name: string): XmlElement | string | undefined {
  const value = element[name];
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const first: unknown = value[0];
  if (typeof first === "string") return first;
  if (first !== null && typeof first === "object") return first as XmlElement;
  return undefined;
}

/**
 * The fast YAML path against the yaml library: wherever the fast path reads a document, the
 * library must read it without errors, to the same values (key order, -0 and NaN included), and
 * every path must resolve to the same line. Documents are generated (plain frontmatter, awkward
 * scalars, mutated text) and taken from every corpus file with frontmatter.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IssueLog } from "./issues";
import { splitFrontmatter, splitLines } from "./markdown-lines";
import { corpusFile, corpusFileNames } from "./testing/corpus";
import type { YamlBlock } from "./yaml-block";
import { scanSimpleYaml } from "./yaml-fast-path";
import { readYamlWithLibrary } from "./yaml-library-block";
import { scannedBlock } from "./yaml-node-lines";
import { DEFAULT_SCALAR_TAGS, mayResolveToNonString } from "./yaml-plain-scalars";

const FIRST_LINE = 2;

/** Values with their exact shape: key order, -0, NaN and the difference between 1 and "1". */
function shape(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shape).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? "" : "!proto";
    const own = value as Record<string, unknown>;
    return `${proto}{${Object.keys(own)
      .map((k) => `${JSON.stringify(k)}:${shape(own[k])}`)
      .join(",")}}`;
  }
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Every path into `data`, each key also as the other type (1 and "1"), and a missing key per container. */
function pathsOf(data: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix, [...prefix, "missing"], [...prefix, 99]);
  if (Array.isArray(data)) {
    data.forEach((item, i) => {
      out.push([...prefix, String(i)], [...prefix, -1]);
      pathsOf(item, [...prefix, i], out);
    });
  } else if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data)) {
      if (key !== "" && !Number.isNaN(Number(key))) out.push([...prefix, Number(key)]);
      pathsOf(value, [...prefix, key], out);
    }
  }
  return out;
}

function lookups(block: YamlBlock, paths: (string | number)[][]) {
  return paths.map((path) => ({
    path,
    line: block.lineOf(path, -1),
    lineDefault: block.lineOf(path),
    keys: [...block.keyLines(path)],
  }));
}

/** Checks one document; returns whether the fast path read it. */
function agrees(text: string): boolean {
  const scanned = scanSimpleYaml(text);
  if (!scanned) return false;
  const log = new IssueLog();
  const library = readYamlWithLibrary(text, "spec.md", FIRST_LINE, log);
  expect(log.errors, text).toEqual([]);
  expect(library, text).not.toBeNull();
  if (!library) return true;
  expect(shape(scanned.data), text).toBe(shape(library.data));
  const paths = pathsOf(library.data);
  expect(lookups(scannedBlock(scanned, FIRST_LINE), paths), text).toEqual(lookups(library, paths));
  return true;
}

const WORDS = [
  "WS1",
  "ws-2",
  "type-check",
  "backend-developer",
  "src/a.ts",
  "Build it",
  "US-001",
  "é—ü",
  "🚀",
];
const NUMBERS = [
  "1",
  "0",
  "-0",
  "+3",
  "007",
  "1.5",
  "1.",
  ".5",
  "1e3",
  "-2.5E-3",
  "0x1F",
  "0o17",
  "0b1",
  "12:30",
];
const WORDS_LIKE_VALUES = [
  "true",
  "True",
  "FALSE",
  "yes",
  "no",
  "null",
  "Null",
  "NULL",
  "~",
  "nul",
  "on",
  "n",
];
const FLOATS = [".inf", "-.Inf", ".nan", ".NaN", "+.INF", "2026-01-02", "1_000"];
const AWKWARD = [
  "a: b",
  "a:",
  ": a",
  "a #c",
  "a#b",
  "x]",
  "{y",
  "[z",
  "a,b",
  "'q",
  '"q',
  "-",
  "- a",
  "--flag",
  "?x",
  ":x",
  "&a",
  "*a",
  "!t",
  "|",
  ">",
  "%x",
  "@x",
  "`x",
  "a\\b",
  "\t",
  "a\tb",
  " ",
  "",
  "__proto__",
  "constructor",
  "toString",
  "<<",
  "---",
  "...",
  "x'y",
  "a  b",
  "a\u00a0b",
  "a\rb",
  "\ufeff",
  "# c",
];
const SAFE = [...WORDS, ...NUMBERS, ...WORDS_LIKE_VALUES, ...FLOATS];

const scalarText = (fragments: string[]) =>
  fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(" "));

/** A scalar as written: plain, single-quoted ('' inside) or double-quoted. */
const scalarSource = (fragments: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: scalarText(fragments) },
    // Nothing at all: `key:` is null.
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: scalarText(fragments).map((t) => `'${t.replaceAll("'", "''")}'`) },
    { weight: 1, arbitrary: scalarText(fragments).map((t) => `"${t}"`) },
  );

type Tree =
  | { kind: "scalar"; text: string; comment: boolean }
  | { kind: "map"; entries: [string, Tree][]; flow: boolean }
  | { kind: "seq"; items: Tree[]; flow: boolean; sameIndent: boolean };

const IDENTIFIERS = ["name", "agent", "depends_on", "outputs", "gate", "WS1", "WS2", "phase", "'quoted key'"];

/** `plain`: frontmatter as people write it (unique identifier keys); else any key, repeats included. */
function treeOf(fragments: string[], plain: boolean) {
  const key = plain
    ? fc.constantFrom(...IDENTIFIERS)
    : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...IDENTIFIERS, "1") }, scalarSource(fragments));
  const entries = (node: fc.Arbitrary<Tree>) =>
    plain
      ? fc.uniqueArray(fc.tuple(key, node), { minLength: 1, maxLength: 4, selector: ([k]) => k })
      : fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 4 });
  return fc.letrec<{ node: Tree }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.record({
        kind: fc.constant("scalar" as const),
        text: scalarSource(fragments),
        comment: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("map" as const), entries: entries(tie("node")), flow: fc.boolean() }),
      fc.record({
        kind: fc.constant("seq" as const),
        items: fc.array(tie("node"), { minLength: 0, maxLength: 4 }),
        flow: fc.boolean(),
        sameIndent: fc.boolean(),
      }),
    ),
  })).node;
}

/** Flow text of a node, on one line. */
function flowText(tree: Tree): string {
  if (tree.kind === "scalar") return tree.text;
  if (tree.kind === "seq") return `[${tree.items.map(flowText).join(", ")}]`;
  return `{ ${tree.entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(", ")} }`;
}

interface Layout {
  step: number;
  blankLines: boolean;
  comments: boolean;
}

/** Block lines of a map's or sequence's content at `indent`. */
function blockLines(tree: Tree, indent: number, layout: Layout, out: string[]): void {
  const pad = " ".repeat(indent);
  const extra = () => {
    if (layout.blankLines && out.length % 3 === 0) out.push("");
    if (layout.comments && out.length % 4 === 1) out.push(`${" ".repeat(out.length % 5)}# note`);
  };
  if (tree.kind === "map") {
    for (const [key, value] of tree.entries) {
      extra();
      writeValue(`${pad}${key}:`, value, indent, layout, out, true);
    }
  } else if (tree.kind === "seq") {
    for (const item of tree.items) {
      extra();
      if (item.kind === "map" && !item.flow) {
        // A compact map: its first entry on the dash's line.
        const inner: string[] = [];
        blockLines(item, indent + 2, layout, inner);
        const first = inner.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"));
        inner[first] = `${pad}- ${(inner[first] ?? "").slice(indent + 2)}`;
        out.push(...inner);
      } else if (item.kind === "seq" && !item.flow && item.items.length > 0) {
        // Written in flow style: the fast path leaves a block sequence in a sequence to the library.
        out.push(`${pad}- ${flowText(item)}`);
      } else {
        writeValue(`${pad}-`, item, indent, layout, out, false);
      }
    }
  }
}

function writeValue(
  head: string,
  value: Tree,
  indent: number,
  layout: Layout,
  out: string[],
  inMap: boolean,
) {
  const isBlock =
    (value.kind === "map" && !value.flow) || (value.kind === "seq" && !value.flow && value.items.length > 0);
  if (!isBlock) {
    const comment = value.kind === "scalar" && value.comment ? " # why" : "";
    out.push(`${head} ${flowText(value)}${comment}`);
    return;
  }
  out.push(head);
  const childIndent =
    inMap && value.kind === "seq" && value.kind === "seq" && value.sameIndent ? indent : indent + layout.step;
  blockLines(value, childIndent, layout, out);
}

function documentOf(fragments: string[], plain = false) {
  return fc
    .record({
      root: (plain ? fc.uniqueArray : fc.array)(
        fc.tuple(
          fc.constantFrom("spec", "workstreams", "gates", "execution_phases", "x1"),
          treeOf(fragments, plain),
        ),
        { minLength: 1, maxLength: 4, selector: ([k]: [string, Tree]) => k },
      ),
      step: fc.integer({ min: 1, max: 4 }),
      blankLines: fc.boolean(),
      comments: fc.boolean(),
    })
    .map(({ root, ...layout }) => {
      const out: string[] = [];
      blockLines({ kind: "map", entries: root, flow: false }, 0, layout, out);
      return out.join("\n");
    });
}

/** Small edits that make documents unusual or wrong: the fast path must then agree or decline. */
const mutated = fc
  .tuple(
    documentOf([...SAFE, ...AWKWARD]),
    fc.array(
      fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...AWKWARD, "\n", "  ", "\n  ", ":", " - ")),
      {
        maxLength: 3,
      },
    ),
  )
  .map(([text, edits]) => {
    let result = text;
    for (const [at, cut, insert] of edits) {
      const position = at % (result.length + 1);
      result = result.slice(0, position) + insert + result.slice(position + cut);
    }
    return result;
  });

describe("the fast YAML path reads what the yaml library reads", () => {
  it("on plain generated frontmatter, much of which it reads itself", () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(documentOf(SAFE, true), (text) => {
        total++;
        if (agrees(text)) read++;
      }),
      { numRuns: 3_000 },
    );
    // The agreement above is only worth something if the fast path takes many documents. About
    // 45% pass: the rest hold an empty sequence or flow item (declined), generated on purpose.
    expect(read / total).toBeGreaterThan(0.35);
  });

  it("on frontmatter with awkward scalars and on mutated text", () => {
    fc.assert(
      fc.property(documentOf([...SAFE, ...AWKWARD]), (text) => {
        agrees(text);
      }),
      { numRuns: 3_000 },
    );
    fc.assert(
      fc.property(mutated, (text) => {
        agrees(text);
      }),
      { numRuns: 3_000 },
    );
  });

  it("on every corpus file with frontmatter", () => {
    let read = 0;
    for (const name of corpusFileNames()) {
      const fm = splitFrontmatter(splitLines(corpusFile(name).content));
      if (fm && agrees(fm.yaml)) read++;
    }
    expect(read).toBeGreaterThan(0);
  });

  it("on line soups of frontmatter syntax", () => {
    const lines = [
      "spec: X",
      "workstreams:",
      "  WS1:",
      "  WS2:",
      "    name: Thing",
      "    depends_on: [WS2]",
      "    depends_on: [WS1, WS9]",
      "    outputs: [src/a.ts, src/a.ts]",
      "    outputs:",
      "      - a.ts",
      "    - b.ts",
      "execution_phases:",
      "  - parallel: [WS1]",
      "  - { name: X, parallel: [WS3] }",
      "  - [WS1, WS2]",
      "gates:",
      "  lint: { command: npm run lint }",
      "  lint: npm test",
      "# comment",
      "",
      "   ",
      "key: 'it''s'",
      'key: "q"',
      "- x",
      "a: b: c",
      "  &anchor a: 1",
      "b: *anchor",
      "c: !tag x",
      "d: |",
      "  block",
      "e: >-",
      "f: [a,",
      "  b]",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 12 }), (soup) => {
        agrees(soup.join("\n"));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe("plain scalars resolve as the library's core schema resolves them", () => {
  it("tries the same tags as this check was written against", () => {
    // mayResolveToNonString is written against these patterns; a yaml upgrade that changes them
    // must revisit it.
    expect(DEFAULT_SCALAR_TAGS.map((tag) => `${tag.tag} ${tag.test?.source}`)).toEqual([
      "tag:yaml.org,2002:null ^(?:~|[Nn]ull|NULL)?$",
      "tag:yaml.org,2002:bool ^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$",
      "tag:yaml.org,2002:int ^0o[0-7]+$",
      "tag:yaml.org,2002:int ^[-+]?[0-9]+$",
      "tag:yaml.org,2002:int ^0x[0-9a-fA-F]+$",
      "tag:yaml.org,2002:float ^(?:[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN)$",
      "tag:yaml.org,2002:float ^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+$",
      "tag:yaml.org,2002:float ^[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)$",
    ]);
  });

  it("leaves alone only text no tag claims", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8 }),
      scalarText([...SAFE, ...AWKWARD]),
      fc
        .array(fc.constantFrom(..."nNtTfFuUlLrReEaAsS~.+-0123456789eExXoObB_ :"), { maxLength: 7 })
        .map((c) => c.join("")),
    );
    fc.assert(
      fc.property(text, (t) => {
        if (!mayResolveToNonString(t))
          expect(DEFAULT_SCALAR_TAGS.some((tag) => tag.test?.test(t))).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });
});

import path from "node:path";
import {
  countLineHits,
  emptyCount,
  metric,
  normaliseSourcePath,
  reportFromFiles,
  toCount,
} from "./coverage-totals";
import type { CoverageCount, CoverageReport, FileCoverage, ParseOptions, Result } from "./types";
import { fail, ok } from "./types";
import { attr, children, parseXmlDocument, textOf, type XmlElement } from "./xml-document";

/**
 * Cobertura XML (`cobertura-coverage.xml` from Istanbul/c8/Jest/Vitest, `coverage.xml` from
 * coverage.py). Cobertura has no statements: statement counts mirror line counts. Several `<class>`
 * elements may describe one file (inner classes); their lines are merged.
 */
export function parseCobertura(text: string, options: ParseOptions = {}): Result<CoverageReport> {
  const file = options.file ?? null;
  const doc = parseXmlDocument(text, file);
  if (!doc.ok) return doc;
  const [root] = children(doc.value, "coverage");
  if (!root) return fail("invalid_format", "no <coverage> root element: not a Cobertura report", file);

  const sources = children(root, "sources")
    .flatMap((s) => (Array.isArray(s.source) ? (s.source as (XmlElement | string)[]) : []))
    .map((s) => textOf(s).trim())
    .filter((s) => s !== "");

  const builders = new Map<string, FileBuilder>();
  for (const pkg of children(root, "packages").flatMap((p) => children(p, "package"))) {
    for (const cls of children(pkg, "classes").flatMap((c) => children(c, "class"))) {
      const filename = attr(cls, "filename");
      if (!filename) continue;
      const key = sourceKey(filename, sources, options.rootDir);
      const builder = builders.get(key) ?? newBuilder();
      builders.set(key, builder);
      addClass(builder, cls);
    }
  }

  if (builders.size === 0) return totalsOnly(root, file);
  const files: Record<string, FileCoverage> = {};
  for (const [key, builder] of builders) {
    const lines = countLineHits(builder.lineHits);
    files[key] = {
      lines,
      statements: { ...lines },
      branches: builder.branches,
      functions: builder.functions,
      lineHits: builder.lineHits,
    };
  }
  return ok(reportFromFiles("cobertura", files));
}

interface FileBuilder {
  lineHits: Record<number, number>;
  branchesByLine: Map<number, CoverageCount>;
  branches: CoverageCount;
  functions: CoverageCount;
}

function newBuilder(): FileBuilder {
  return { lineHits: {}, branchesByLine: new Map(), branches: emptyCount(), functions: emptyCount() };
}

function addClass(builder: FileBuilder, cls: XmlElement): void {
  for (const line of children(cls, "lines").flatMap((l) => children(l, "line"))) {
    const number = toCount(attr(line, "number"));
    const hits = toCount(attr(line, "hits"));
    if (number === undefined || number < 1 || hits === undefined) continue;
    builder.lineHits[number] = Math.max(builder.lineHits[number] ?? 0, hits);
    // condition-coverage="50% (1/2)": the only place Cobertura states how many branches a line has.
    const condition = /\((\d+)\/(\d+)\)/.exec(attr(line, "condition-coverage") ?? "");
    if (attr(line, "branch") === "true" && condition) {
      const covered = Number(condition[1]);
      const total = Number(condition[2]);
      const previous = builder.branchesByLine.get(number);
      if (!previous || previous.covered < covered) {
        builder.branches.covered += covered - (previous?.covered ?? 0);
        builder.branches.total += total - (previous?.total ?? 0);
        builder.branchesByLine.set(number, { covered, total });
      }
    }
  }
  for (const method of children(cls, "methods").flatMap((m) => children(m, "method"))) {
    builder.functions.total += 1;
    const declared = toCount(attr(method, "hits"));
    const lineHit = children(method, "lines")
      .flatMap((l) => children(l, "line"))
      .some((line) => (toCount(attr(line, "hits")) ?? 0) > 0);
    if ((declared ?? 0) > 0 || lineHit) builder.functions.covered += 1;
  }
}

/** Relative filenames are relative to the first `<source>`; we re-base them on the workspace when we can. */
function sourceKey(filename: string, sources: string[], rootDir?: string): string {
  const normalised = filename.replaceAll("\\", "/");
  const [source] = sources;
  if (source && rootDir && !path.posix.isAbsolute(normalised)) {
    return normaliseSourcePath(path.posix.join(source.replaceAll("\\", "/"), normalised), rootDir);
  }
  return normaliseSourcePath(normalised, rootDir);
}

/** A report with no classes still states its totals on the root element. */
function totalsOnly(root: XmlElement, file: string | null): Result<CoverageReport> {
  const linesValid = toCount(attr(root, "lines-valid"));
  const linesCovered = toCount(attr(root, "lines-covered"));
  if (linesValid === undefined || linesCovered === undefined) {
    return fail("empty_report", "the Cobertura report lists no classes and no line totals", file);
  }
  const lines = metric({ covered: linesCovered, total: linesValid });
  return ok({
    format: "cobertura",
    lines,
    statements: { ...lines },
    branches: metric({
      covered: toCount(attr(root, "branches-covered")) ?? 0,
      total: toCount(attr(root, "branches-valid")) ?? 0,
    }),
    // Cobertura's root carries no function totals; none counted is more honest than a guess.
    functions: metric(emptyCount()),
    files: {},
  });
}

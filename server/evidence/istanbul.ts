import { z } from "zod";
import { countLineHits, metric, normaliseSourcePath, reportFromFiles } from "./coverage-totals";
import type { CoverageCount, CoverageReport, FileCoverage, ParseOptions, Result } from "./types";
import { fail, ok } from "./types";

/**
 * Istanbul's two JSON forms: `coverage-summary.json` (json-summary reporter: totals per file, no
 * per-line data) and `coverage-final.json` (json reporter: raw hit maps, from which we compute the
 * percentages the way istanbul-lib-coverage does). Written by Jest, Vitest (v8 and istanbul
 * providers), c8 and nyc.
 */

const count = z.object({ total: z.number().nonnegative(), covered: z.number().nonnegative() });
const summaryEntry = z.object({ lines: count, statements: count, functions: count, branches: count });

export function parseIstanbulSummary(text: string, options: ParseOptions = {}): Result<CoverageReport> {
  const file = options.file ?? null;
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const parsed = z.record(z.string(), z.unknown()).safeParse(json.value);
  if (!parsed.success) return fail("invalid_format", "coverage-summary.json is not a JSON object", file);

  const files: Record<string, FileCoverage> = {};
  let total: z.infer<typeof summaryEntry> | undefined;
  for (const [key, value] of Object.entries(parsed.data)) {
    const entry = summaryEntry.safeParse(value);
    if (!entry.success) {
      return fail("invalid_format", `entry "${key}" lacks lines/statements/functions/branches counts`, file);
    }
    if (key === "total") {
      total = entry.data;
      continue;
    }
    files[normaliseSourcePath(key, options.rootDir)] = { ...pickCounts(entry.data), lineHits: null };
  }
  if (!total) return fail("invalid_format", 'coverage-summary.json has no "total" entry', file);
  return ok({
    format: "istanbul-summary",
    lines: metric(total.lines),
    branches: metric(total.branches),
    functions: metric(total.functions),
    statements: metric(total.statements),
    files,
  });
}

function pickCounts(entry: z.infer<typeof summaryEntry>): Omit<FileCoverage, "lineHits"> {
  const pick = (c: CoverageCount): CoverageCount => ({ covered: c.covered, total: c.total });
  return {
    lines: pick(entry.lines),
    branches: pick(entry.branches),
    functions: pick(entry.functions),
    statements: pick(entry.statements),
  };
}

const hits = z.record(z.string(), z.number());
const fileData = z.object({
  path: z.string().optional(),
  statementMap: z.record(z.string(), z.object({ start: z.object({ line: z.number().int() }) })),
  s: hits,
  b: z.record(z.string(), z.array(z.number())),
  f: hits,
});

export function parseIstanbulFinal(text: string, options: ParseOptions = {}): Result<CoverageReport> {
  const file = options.file ?? null;
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const parsed = z.record(z.string(), z.unknown()).safeParse(json.value);
  if (!parsed.success) return fail("invalid_format", "coverage-final.json is not a JSON object", file);

  const files: Record<string, FileCoverage> = {};
  for (const [key, raw] of Object.entries(parsed.data)) {
    // Older istanbul versions wrap each file's maps in `{ data: ... }`.
    const unwrapped = raw && typeof raw === "object" && "data" in raw ? (raw as { data: unknown }).data : raw;
    const entry = fileData.safeParse(unwrapped);
    if (!entry.success) {
      return fail(
        "invalid_format",
        `entry "${key}" is not Istanbul file coverage (statementMap, s, b, f)`,
        file,
      );
    }
    files[normaliseSourcePath(entry.data.path ?? key, options.rootDir)] = fileCoverage(entry.data);
  }
  return ok(reportFromFiles("istanbul-final", files));
}

/** The same arithmetic as istanbul-lib-coverage's FileCoverage, so our numbers match its summary. */
function fileCoverage(data: z.infer<typeof fileData>): FileCoverage {
  const lineHits: Record<number, number> = {};
  for (const [id, count] of Object.entries(data.s)) {
    const line = data.statementMap[id]?.start.line;
    if (line === undefined) continue;
    // A line holding several statements counts as hit as often as its busiest statement.
    const previous = lineHits[line];
    if (previous === undefined || previous < count) lineHits[line] = count;
  }
  const statementHits = Object.values(data.s);
  const functionHits = Object.values(data.f);
  const branchHits = Object.values(data.b).flat();
  const covered = (values: number[]): CoverageCount => ({
    covered: values.filter((v) => v > 0).length,
    total: values.length,
  });
  return {
    lines: countLineHits(lineHits),
    statements: covered(statementHits),
    functions: covered(functionHits),
    branches: covered(branchHits),
    lineHits,
  };
}

function parseJson(text: string, file: string | null): Result<unknown> {
  if (text.trim() === "") return fail("empty_report", "the file is empty", file);
  try {
    return ok(JSON.parse(text.replace(/^\uFEFF/, "")) as unknown);
  } catch (e) {
    return fail("invalid_format", `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, file);
  }
}

import type { ExportSnapshot, ExportStep, ExportStory } from "./snapshot";

/**
 * What a story's steps reported, read from their `result` JSON. Agent steps store
 * `{ summary, files, … }`; the verify step `{ files, commit, evidence: { testFile, tests, … } }`
 * (server/runner/verify-step.ts summariseEvidence). A key
 * that is absent or of the wrong type reads as null, so an export never claims what no step said.
 */
export interface StoryFacts {
  /** Union of every step's `files`, in step order; null when no step reported a file list. */
  filesModified: string[] | null;
  /** The last commit a step reported. */
  commit: string | null;
  testFile: string | null;
  /** Counts from the last step carrying `evidence.tests`. */
  tests: { tests: number; passed: number; failed: number; skipped: number } | null;
  /** Line, branch and function coverage (percent) from the last step carrying `evidence.coverage`. */
  coverage: { lines: number | null; branches: number | null; functions: number | null } | null;
  /** From a step's `acceptanceCriteria: [{ done }]` when one reported it, else the plan item's boxes. */
  acChecklistComplete: boolean | null;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const stringList = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((entry) => typeof entry === "string") ? value : null;

const count = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;

export function resultOf(step: ExportStep): Json | null {
  return isRecord(step.result) ? step.result : null;
}

export function storyFacts(story: ExportStory): StoryFacts {
  let filesModified: string[] | null = null;
  let commit: string | null = null;
  let testFile: string | null = null;
  let tests: StoryFacts["tests"] = null;
  let criteria: boolean | null = null;
  let coverage: StoryFacts["coverage"] = null;
  for (const step of story.steps) {
    const result = resultOf(step);
    if (!result) continue;
    const files = stringList(result.files);
    if (files) filesModified = [...new Set([...(filesModified ?? []), ...files])];
    if (typeof result.commit === "string" && result.commit !== "") commit = result.commit;
    if (typeof result.testFile === "string") testFile = result.testFile;
    // The test author's first file is the test file the implementer was asked to make pass.
    else if (step.kind === "test_author" && files?.[0] && testFile === null) testFile = files[0];
    const reported = testCounts(result.evidence);
    if (reported) {
      tests = reported.counts;
      // The file verification actually ran beats the tester's first file.
      if (reported.firstFile && !(typeof result.testFile === "string")) testFile = reported.firstFile;
    }
    coverage = coveragePercents(result.evidence) ?? coverage;
    const ac = result.acceptanceCriteria;
    if (Array.isArray(ac) && ac.length > 0 && ac.every((c) => isRecord(c) && typeof c.done === "boolean"))
      criteria = ac.every((c) => (c as Json).done === true);
  }
  const planned = story.item.acceptanceCriteria ?? [];
  const acChecklistComplete = criteria ?? (planned.length > 0 ? planned.every((c) => c.done) : null);
  return { filesModified, commit, testFile, tests, coverage, acChecklistComplete };
}

function testCounts(
  evidence: unknown,
): { counts: NonNullable<StoryFacts["tests"]>; firstFile: string | null } | null {
  if (!isRecord(evidence) || !isRecord(evidence.tests)) return null;
  const report = evidence.tests;
  // The raw TestReport says `tests`; the verify step's stored summary says `total`.
  const tests = count(report.tests) ?? count(report.total);
  const passed = count(report.passed);
  const failed = count(report.failed);
  const skipped = count(report.skipped);
  if (tests === null || passed === null || failed === null) return null;
  const cases = Array.isArray(report.cases) ? report.cases : [];
  const withFile = cases.find((c): c is Json => isRecord(c) && typeof c.file === "string" && c.file !== "");
  const named = typeof evidence.testFile === "string" && evidence.testFile !== "" ? evidence.testFile : null;
  return {
    counts: { tests, passed, failed, skipped: skipped ?? 0 },
    firstFile: named ?? (withFile ? (withFile.file as string) : null),
  };
}

function coveragePercents(evidence: unknown): StoryFacts["coverage"] {
  if (!isRecord(evidence) || !isRecord(evidence.coverage)) return null;
  const pct = (value: unknown): number | null => {
    // Stored either as a bare percentage (verify step summary) or as a CoverageMetric.
    if (typeof value === "number" && Number.isFinite(value)) return value;
    return isRecord(value) && typeof value.pct === "number" ? value.pct : null;
  };
  const { lines, branches, functions } = evidence.coverage;
  return { lines: pct(lines), branches: pct(branches), functions: pct(functions) };
}

/** A step's duration; a step still running counts up to the snapshot's instant. */
export function stepDurationMs(step: ExportStep, now: Date): number | null {
  if (!step.startedAt) return null;
  if (step.finishedAt) return Math.max(0, step.finishedAt.getTime() - step.startedAt.getTime());
  return step.status === "running" ? Math.max(0, now.getTime() - step.startedAt.getTime()) : null;
}

export function spanMs(start: Date | null, end: Date | null): number | null {
  return start && end ? Math.max(0, end.getTime() - start.getTime()) : null;
}

/** A status through a translation table; one the table does not know yet exports as itself. */
export const translate = (table: Record<string, string>, status: string): string => table[status] ?? status;

export const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** The EXEC-SPEC `spec:` id from the uploaded markdown's frontmatter, else the plan's title. */
export function specIdentifier(snapshot: ExportSnapshot): string {
  for (const file of snapshot.spec.files) {
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(file.content)?.[1];
    const id = frontmatter && /^spec:\s*["']?([^"'\s#]+)/m.exec(frontmatter)?.[1];
    if (id) return id;
  }
  return snapshot.spec.plan.title || snapshot.spec.name;
}

/** `feature:` from the frontmatter, the name EXEC-SPEC runs give their checkpoint file. */
export function specFeature(snapshot: ExportSnapshot): string | null {
  for (const file of snapshot.spec.files) {
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(file.content)?.[1];
    const feature = frontmatter && /^feature:\s*["']?([^"'#\r\n]+?)["']?\s*$/m.exec(frontmatter)?.[1];
    if (feature) return feature;
  }
  return null;
}

/**
 * Parsers never throw and only ever return typed results. Over 10,000 inputs: random text and
 * JSON, line soup built from every format's syntax, and corpus files mutated (slices cut,
 * duplicated, shuffled, bytes inserted), fed to every parser through a forced format and to
 * detection. A plan built from any accepted spec must also be typed and plain JSON.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSpec } from "../planning";
import {
  type ParseResult,
  parseSpec,
  SPEC_FORMATS,
  SPEC_ISSUE_CODES,
  type SpecFile,
  type SpecIssue,
} from ".";
import { corpusFile, corpusFileNames } from "./testing/corpus";

const CORPUS = corpusFileNames().map((n) => corpusFile(n));

const FILE_NAMES = [
  "tasks.md",
  "EXEC-SPEC-001.md",
  "user-stories/US-001-x.md",
  "user-stories/EPIC-001.md",
  "workflow-state.json",
  "execution-status.json",
  "checkpoints/EXEC-SPEC-001.json",
  "requirements.md",
  "design.md",
  "notes.txt",
];

const SYNTAX_LINES = [
  "---",
  "...",
  "spec: EXEC-SPEC-9",
  "workstreams:",
  "  WS1:",
  "  WS2:",
  "    name: Thing",
  "    agent: backend-developer",
  "    depends_on: [WS2]",
  "    depends_on: [WS1, WS9]",
  "    outputs: [src/a.ts, src/a.ts]",
  "    gate: type-check",
  "    status: COMPLETE",
  "execution_phases:",
  "  - parallel: [WS1]",
  "  - parallel: [WS2, WS1]",
  "  - { name: X, parallel: [WS3], gates: [lint] }",
  "gates:",
  "  lint: { command: npm run lint }",
  "story_id: US-001",
  "dependencies: [US-002]",
  "wave: 1",
  "# US-001: Title",
  "# EXEC-SPEC-7",
  "## Phase 1: Setup",
  "### Phase 2",
  "### WS3 Heading",
  "## L0: Infra",
  "## Layer 1",
  "## Acceptance Criteria",
  "## Dependencies",
  "- [ ] T001 [P] [US1] Do it in src/x.ts",
  "- [x] T002 @copilot Thing (depends on T001, T404)",
  "- [X] T002 duplicate",
  "- [ ] TXXX placeholder",
  "- [ ] 1. Parent",
  "- [-] 1.1 Child",
  "- [~] 1.2 Blocked",
  "- [ ]* 2. Optional",
  "  - _Depends: 1.1, 9_",
  "  - _Requirements: 1.1_",
  "  - _Prompt: Role: QA | Task: t | Success: a, b_",
  "  - Files:",
  "    - modify: src/y.ts",
  "  - Wave: 2",
  "  - Verification Command:",
  "    - npm test",
  "- [ ] checklist item",
  "**Depends On:** US-002, US-003",
  "**Parallelizable With:** US-001",
  "**Status:** ✅ Complete",
  "- T010 depends on T001-T005",
  "- T001, T002 block T003",
  "```",
  "~~~",
  "| US-001 | x |",
  "{",
  "}",
  '"layers": {"L0": {"tasks": [{"index": 0, "dependencies": [0]}]}}',
  "",
];

const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.array(fc.constantFrom(...SYNTAX_LINES), { maxLength: 40 }).map((lines) => lines.join("\n")),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null"),
);

/** A corpus file with a few structural edits. */
const mutatedCorpus = fc
  .record({
    file: fc.constantFrom(...CORPUS),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom("cut", "duplicate", "insert", "swap", "truncate"),
        at: fc.nat(),
        length: fc.nat({ max: 400 }),
        insert: fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom(...SYNTAX_LINES)),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ file, edits }) => {
    let content = file.content;
    for (const edit of edits) content = applyEdit(content, edit);
    return { name: file.name, content };
  });

function applyEdit(
  content: string,
  edit: { kind: string; at: number; length: number; insert: string },
): string {
  const at = content.length === 0 ? 0 : edit.at % content.length;
  switch (edit.kind) {
    case "cut":
      return content.slice(0, at) + content.slice(at + edit.length);
    case "duplicate":
      return (
        content.slice(0, at + edit.length) +
        content.slice(at, at + edit.length) +
        content.slice(at + edit.length)
      );
    case "insert":
      return content.slice(0, at) + edit.insert + content.slice(at);
    case "swap": {
      const lines = content.split("\n");
      const i = at % Math.max(lines.length, 1);
      const j = (at + edit.length) % Math.max(lines.length, 1);
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      return lines.join("\n");
    }
    default:
      return content.slice(0, at);
  }
}

const generatedFile: fc.Arbitrary<SpecFile> = fc.record({
  name: fc.constantFrom(...FILE_NAMES),
  content: text,
});
const upload = fc.array(fc.oneof(generatedFile, mutatedCorpus, mutatedCorpus), {
  minLength: 1,
  maxLength: 4,
});
const format = fc.option(fc.constantFrom(...SPEC_FORMATS), { nil: undefined });
const batchSize = fc.option(fc.integer({ min: -2, max: 6 }), { nil: undefined });

function assertIssue(issue: SpecIssue): void {
  expect(Object.keys(SPEC_ISSUE_CODES)).toContain(issue.code);
  expect(issue.code).not.toBe("internal_error");
  expect(["error", "warning"]).toContain(issue.severity);
  expect(typeof issue.message).toBe("string");
  expect(typeof issue.file).toBe("string");
  expect(Number.isInteger(issue.line) && issue.line >= 0).toBe(true);
  if (issue.column !== undefined) expect(Number.isInteger(issue.column)).toBe(true);
}

function assertTyped(result: ParseResult, batch: number | undefined): void {
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const issue of [...result.errors, ...result.warnings]) assertIssue(issue);
    for (const issue of result.errors) expect(issue.severity).toBe("error");
    return;
  }
  for (const issue of result.warnings) assertIssue(issue);
  expect(result.spec.items.length).toBeGreaterThan(0);
  const planned = planSpec(result.spec, { batchSize: batch });
  if (!planned.ok) {
    for (const issue of planned.errors) assertIssue(issue);
    return;
  }
  const { plan } = planned;
  expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  const placed = plan.waves.flatMap((w) => w.itemIds);
  expect(placed.sort()).toEqual(plan.items.map((i) => i.id).sort());
  for (const issue of plan.warnings) assertIssue(issue);
}

describe("parsers on generated and mutated input", () => {
  it("return only typed results through detection (4,000 uploads)", () => {
    fc.assert(
      fc.property(upload, batchSize, (files, batch) => {
        assertTyped(parseSpec(files), batch);
      }),
      { numRuns: 4_000 },
    );
  }, 600_000);

  it("return only typed results from every parser, forced by format (7 × 1,000 uploads)", () => {
    for (const forced of SPEC_FORMATS) {
      fc.assert(
        fc.property(upload, batchSize, (files, batch) => {
          assertTyped(parseSpec(files, { format: forced }), batch);
        }),
        { numRuns: 1_000 },
      );
    }
  }, 600_000);

  it("return only typed results for odd inputs and options", () => {
    fc.assert(
      fc.property(fc.anything(), format, fc.anything(), (files, forced, maxBytes) => {
        const result = parseSpec(files as SpecFile[], { format: forced, maxBytes: maxBytes as number });
        assertTyped(result, undefined);
      }),
      { numRuns: 500 },
    );
  });

  it("accept every unmodified corpus file or reject it with a typed error", () => {
    for (const file of CORPUS) assertTyped(parseSpec([file]), undefined);
    assertTyped(parseSpec(CORPUS), 4);
  });
});

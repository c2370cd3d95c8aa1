import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ItemState, SpecFile } from "../specs";
import { corpusFile, corpusFileNames } from "../specs/testing/corpus";
import { planFiles, writeBackStates } from ".";

const example = (name: string): SpecFile => ({
  name,
  content: readFileSync(new URL(`../../examples/specs/${name}`, import.meta.url), "utf8"),
});

/** Positions where two equally long strings differ. */
function changedOffsets(before: string, after: string): number[] {
  expect(after.length).toBe(before.length);
  const offsets: number[] = [];
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) offsets.push(i);
  return offsets;
}

function statesAfterReparse(file: SpecFile): Record<string, ItemState> {
  const result = planFiles([file]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return Object.fromEntries(result.plan.items.map((i) => [i.id, i.state]));
}

describe("writeBackStates", () => {
  it("changes only the checkbox characters of the named spec-kit tasks", () => {
    const file = example("spec-kit-tasks.md");
    const out = writeBackStates(file, {
      T004: "done",
      T006: "in_progress",
      T007: "blocked",
      T001: "pending",
    });
    const changed = changedOffsets(file.content, out);
    expect(changed).toHaveLength(4);
    for (const offset of changed) expect(file.content[offset - 1]).toBe("[");
    expect(statesAfterReparse({ ...file, content: out })).toMatchObject({
      T001: "pending",
      T004: "done",
      T006: "in_progress",
      T007: "blocked",
      T005: "pending",
    });
  });

  it("keeps CRLF line endings, uppercase [X] and everything else", () => {
    const crlf = "# Tasks\r\n\r\n## Phase 1\r\n\r\n- [X] T001 Done already\r\n- [ ] T002 [P] Next\r\n";
    const out = writeBackStates({ name: "tasks.md", content: crlf }, { T001: "done", T002: "done" });
    expect(out).toBe("# Tasks\r\n\r\n## Phase 1\r\n\r\n- [X] T001 Done already\r\n- [x] T002 [P] Next\r\n");
  });

  it("writes numbered tasks and lets a parent follow its sub-tasks", () => {
    const kiro = [
      "# Plan",
      "",
      "- [ ] 1. Group",
      "",
      "- [ ] 1.1 First",
      "  - detail",
      "- [ ]* 1.2 Second",
      "- [ ] 2. Alone",
    ].join("\n");
    const half = writeBackStates({ name: "tasks.md", content: kiro }, { "1.1": "done" });
    expect(half.split("\n").slice(2, 7)).toEqual([
      "- [-] 1. Group",
      "",
      "- [x] 1.1 First",
      "  - detail",
      "- [ ]* 1.2 Second",
    ]);
    const all = writeBackStates(
      { name: "tasks.md", content: kiro },
      { "1.1": "done", "1.2": "done", "2": "blocked" },
    );
    expect(all).toContain("- [x] 1. Group");
    expect(all).toContain("- [x]* 1.2 Second");
    expect(all).toContain("- [~] 2. Alone");
  });

  it("writes layered tasks by their L<layer>-<index> ids", () => {
    const file = example("layered-tasks.md");
    const out = writeBackStates(file, { "L1-4": "in_progress", "L2-0": "done", "L0-0": "done" });
    expect(changedOffsets(file.content, out)).toHaveLength(2);
    expect(out).toContain("- [-] Add real-time subscriptions");
    expect(out).toContain("- [x] Build chat UI component");
  });

  it("leaves checkboxes inside code fences, checklists and unknown ids alone", () => {
    const text =
      "# T\n\n## Phase 1\n\n```\n- [ ] T001 in a fence\n```\n- [ ] T001 Real\n- [ ] Checklist item\n";
    const out = writeBackStates({ name: "tasks.md", content: text }, { T001: "done", T999: "done" });
    expect(out).toBe(
      "# T\n\n## Phase 1\n\n```\n- [ ] T001 in a fence\n```\n- [x] T001 Real\n- [ ] Checklist item\n",
    );
  });

  it("returns specs whose states are not checkboxes unchanged", () => {
    const exec = example("exec-spec-demo.md");
    expect(writeBackStates(exec, { WS1: "done" })).toBe(exec.content);
    const freeform = example("freeform-feature.md");
    expect(writeBackStates(freeform, { ANALYSIS: "done" })).toBe(freeform.content);
  });

  it("round-trips every corpus file: random states change only marks, and read back as written", () => {
    const markdown = corpusFileNames()
      .filter((n) => n.endsWith(".md"))
      .map((n) => corpusFile(n));
    const states = fc.constantFrom<ItemState>("pending", "in_progress", "done", "blocked");
    fc.assert(
      fc.property(
        fc.constantFrom(...markdown),
        fc.array(states, { minLength: 60, maxLength: 60 }),
        (file, picks) => {
          const parsed = planFiles([file]);
          const ids = parsed.ok ? parsed.plan.items.map((i) => i.id) : [];
          const wanted = Object.fromEntries(ids.map((id, i) => [id, picks[i % picks.length] ?? "pending"]));
          const out = writeBackStates(file, wanted);
          for (const offset of changedOffsets(file.content, out)) expect(file.content[offset - 1]).toBe("[");
          const reread = planFiles([{ ...file, content: out }]);
          if (!reread.ok || parsed.ok === false) return;
          const checkboxFormat = ["spec-kit", "task-list", "layered-tasks"].includes(reread.plan.format);
          if (checkboxFormat)
            expect(Object.fromEntries(reread.plan.items.map((i) => [i.id, i.state]))).toEqual(wanted);
        },
      ),
      { numRuns: 300 },
    );
  });
});

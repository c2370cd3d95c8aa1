/**
 * Cross-checks that do not change the plan but deserve the PM's eye: epics listing stories that
 * were not uploaded, and "Parallelizable With" / "Can Run In Parallel With" hints (story sets,
 * spw task lists) that contradict the dependencies.
 */
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import { parseCheckbox, scanLines } from "./markdown-lines";
import type { PlanItem } from "./types";

export interface StoryExtras {
  parallelWith: string[];
  wave?: string;
  /** Line of the `Parallelizable With` label, for warnings. */
  line: number;
  /** Line of the `Depends On` label, for dependency errors. */
  dependsLine?: number;
}

export function readEpic(file: LoadedFile, storyIds: Set<string>, log: IssueLog): void {
  const missing: string[] = [];
  let checkboxes = 0;
  let firstBox = 0;
  for (const line of scanLines(file.lines)) {
    if (line.inFence) continue;
    if (parseCheckbox(line.text)) {
      checkboxes++;
      firstBox ||= line.number;
      continue;
    }
    // Story tables: "| US-001 | Create positive framing pattern library | 🔵 Pending | … |"
    const row = /^\s*\|\s*((?:US|STORY)-\d+)\s*\|/i.exec(line.text);
    const id = row?.[1]?.toUpperCase();
    if (id && !storyIds.has(id) && !missing.includes(id)) missing.push(id);
  }
  if (missing.length > 0) {
    log.warn(
      "epic_story_missing",
      file.name,
      1,
      `The epic lists ${missing.join(", ")}, but no such story file was uploaded.`,
    );
  }
  if (checkboxes > 0) {
    log.warn(
      "checkbox_not_task",
      file.name,
      firstBox,
      `The ${checkboxes} checkboxes in this epic are epic-level acceptance criteria, not tasks; they are not planned.`,
    );
  }
}

/** A story "parallelizable with" one of its own ancestors or descendants cannot run beside it. */
export function checkParallelHints(items: PlanItem[], extras: Map<string, StoryExtras>, log: IssueLog): void {
  if (![...extras.values()].some((e) => e.parallelWith.length > 0)) return;
  const byId = new Map(items.map((i) => [i.id, i]));
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (id: string): Set<string> => {
    const known = ancestors.get(id);
    if (known) return known;
    const found = new Set<string>();
    ancestors.set(id, found);
    const stack = [...(byId.get(id)?.dependsOn ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() ?? "";
      if (found.has(next) || next === id) continue;
      found.add(next);
      stack.push(...(byId.get(next)?.dependsOn ?? []));
    }
    return found;
  };
  for (const item of items) {
    const info = extras.get(item.id);
    for (const other of info?.parallelWith ?? []) {
      if (!byId.has(other)) continue;
      if (ancestorsOf(item.id).has(other) || ancestorsOf(other).has(item.id)) {
        log.warn(
          "parallel_conflict",
          item.source.file,
          info?.line ?? item.source.line,
          `${item.id} says it can run in parallel with ${other}, but one depends on the other; the dependency wins.`,
        );
      }
    }
  }
}

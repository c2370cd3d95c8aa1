/**
 * spec-kit `tasks.md`: `- [ ] T001 [P] [US1] Description in path/file.ts`, grouped under
 * `## Phase N` headings that run in order. Inside a phase, consecutive `[P]` tasks run together
 * and a task without `[P]` runs alone, in file order; a `###` sub-heading (tests before
 * implementation) also closes a parallel group. Inline `(depends on T012, T013)` is explicit;
 * the "Dependencies" prose section only suggests.
 */
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import {
  extractPaths,
  fencedLines,
  parseCheckbox,
  parseHeading,
  plainText,
  splitFrontmatter,
  stateFromMark,
} from "./markdown-lines";
import { type ProseLine, suggestFromProse } from "./prose-dependencies";
import { emptySpec, newItem, withUnique } from "./spec-items";
import { readSpecKitId, type TaskNumberBounds } from "./task-list-lines";
import type { ParsedSpec, PlanItem } from "./types";

export const TASK_ID = /^(T\d{2,}[a-z]?)\b[:.]?\s*(.*)$/;
const ID_PATTERN = /\bT\d{2,}[a-z]?\b/;
const ALL_IDS = new RegExp(ID_PATTERN.source, "g");
// Shared patterns: a big tasks.md runs them on tens of thousands of lines.
const PHASE_HEADING = /^Phase\s+[\w.]+/i;
const DEPENDENCY_HEADING = /dependenc|execution order|critical path/i;
const PARALLEL = /\[P\]/;
const NUMBERLESS_TASK = /^T[X?]+\b/i;
const INDENTED = /^\s+\S/;
const STORY = /\[(US\d+|Story[^\]]*)\]/i;
const AGENT = /(?:^|\s)@([\w-]+)/;
const DEPENDS = /\((?:depends on|after|requires)\s+([^)]*)\)/i;
const DEPENDS_NOTE = /\((?:depends on|after|requires)\s+[^)]*\)/i;
const PARALLEL_MARKS = /\[P\]\s*/g;
const STORY_MARK = /\[(US\d+|Story[^\]]*)\]\s*/i;
const AGENT_MARK = /(^|\s)@[\w-]+/;
const MANUAL = /^(?:\[manual\]|\(manual\)|manual:)/i;
const PLACEHOLDER =
  /\[(?:FEATURE NAME|Title|Entity\d*|language|framework|endpoint|name|Service|location|file|Brief description[^\]]*|###-feature-name)\]/i;

const isAnyId = (): boolean => true;
const taskId: TaskNumberBounds = { idEnd: 0, textStart: 0 };

interface Group {
  phase: string;
  file: string;
  line: number;
  ids: string[];
  parallel: boolean;
}

export function parseSpecKit(files: LoadedFile[], log: IssueLog): ParsedSpec | null {
  const taskFiles = files.filter((f) => f.kind === "spec-kit");
  const spec = emptySpec("spec-kit", "");
  const groups: Group[] = [];
  const prose: ProseLine[] = [];
  for (const file of taskFiles) readTaskFile(file, spec, groups, prose, log);
  for (const file of files)
    if (!taskFiles.includes(file)) spec.documents.push({ file: file.name, kind: "spec" });
  spec.title ||= "spec-kit tasks";

  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g.phase, (counts.get(g.phase) ?? 0) + 1);
  const seen = new Map<string, number>();
  spec.phases = groups.map((g) => {
    const total = counts.get(g.phase) ?? 1;
    const n = (seen.get(g.phase) ?? 0) + 1;
    seen.set(g.phase, n);
    return {
      name: total > 1 ? `${g.phase} (step ${n}/${total})` : g.phase,
      itemIds: g.ids,
      gates: [],
      sameWaveDependency: "split",
      source: { file: g.file, line: g.line },
    };
  });
  if ([...counts.values()].some((c) => c > 1)) {
    log.warn(
      "sequential_without_parallel_marker",
      taskFiles[0]?.name ?? "",
      0,
      "Tasks without [P] run one at a time in file order within their phase, as spec-kit prescribes.",
    );
  }
  suggestFromProse(prose, spec.items, ID_PATTERN, log);
  return spec;
}

function readTaskFile(
  file: LoadedFile,
  spec: ParsedSpec,
  groups: Group[],
  prose: ProseLine[],
  log: IssueLog,
) {
  const fm = splitFrontmatter(file.lines);
  // Lines are read in place, with their fence flags, rather than as one object per line.
  const lines = fm ? fm.bodyLines : file.lines;
  const firstLine = fm ? fm.bodyFirstLine : 1;
  const fenced = fencedLines(lines);
  let phase: string | null = null;
  let inDependencySection = false;
  let current: PlanItem | null = null;
  let group: Group | null = null;
  let stray = { count: 0, line: 0 };
  let placeholderLine = 0;

  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] === 1) continue;
    const text = lines[i] ?? "";
    const number = firstLine + i;
    const heading = parseHeading(text);
    if (heading) {
      current = null;
      group = null;
      if (heading.level === 1 && !spec.title) spec.title = plainText(heading.text);
      if (heading.level <= 2) {
        phase = PHASE_HEADING.test(heading.text) ? plainText(heading.text) : null;
        inDependencySection = DEPENDENCY_HEADING.test(heading.text);
      }
      continue;
    }
    const box = parseCheckbox(text);
    if (box && readSpecKitId(box.text, taskId)) {
      const id = box.text.slice(0, taskId.idEnd);
      const rest = box.text.slice(taskId.textStart);
      const item = taskItem(file.name, number, id, rest, box.mark, box.optional);
      spec.items.push(item);
      current = item;
      const phaseName = phase ?? "Tasks";
      const parallel = PARALLEL.test(rest);
      if (!group || !parallel || !group.parallel || group.phase !== phaseName) {
        group = { phase: phaseName, file: file.name, line: number, ids: [], parallel };
        groups.push(group);
      }
      group.ids.push(id);
      // Templates show their placeholders early; checking every task of a huge list buys nothing.
      if (placeholderLine === 0 && spec.items.length <= 500 && PLACEHOLDER.test(rest))
        placeholderLine = number;
      continue;
    }
    if (box) {
      current = null;
      if (NUMBERLESS_TASK.test(box.text)) {
        log.warn(
          "template_placeholder",
          file.name,
          number,
          `"${box.text.slice(0, 60)}" has no task number, so it is not planned.`,
        );
      } else {
        stray = { count: stray.count + 1, line: stray.line || number };
      }
      continue;
    }
    if (current && INDENTED.test(text)) {
      current.body += `\n${text.trim()}`;
      for (const path of extractPaths(text)) if (!current.outputs.includes(path)) current.outputs.push(path);
    } else if (inDependencySection && text.trim() !== "") {
      prose.push({ file: file.name, line: number, text });
    }
  }
  if (stray.count > 0) {
    log.warn(
      "checkbox_not_task",
      file.name,
      stray.line,
      `${stray.count} checkboxes in ${file.name} have no task id (a checklist, not tasks); they are not planned.`,
    );
  }
  if (placeholderLine > 0) {
    log.warn(
      "template_placeholder",
      file.name,
      placeholderLine,
      "This task list still has template placeholders such as [Entity] or [language]; fill them in before running it.",
    );
  }
}

function taskItem(
  file: string,
  line: number,
  id: string,
  rest: string,
  mark: string,
  optional: boolean,
): PlanItem {
  let text = rest;
  // Each pattern needs a character that many tasks lack; testing for it first is much cheaper
  // than a search, and a replacement never brings one in.
  const hasBracket = text.includes("[");
  const hasAgent = text.includes("@");
  const hasNote = text.includes("(");
  const story = hasBracket ? STORY.exec(text)?.[1] : undefined;
  const agent = hasAgent ? AGENT.exec(text)?.[1] : undefined;
  const depends = hasNote ? DEPENDS.exec(text) : null;
  // The item takes its lists as read: no empty list made only to be replaced, 10,000 times.
  const item = newItem(
    id,
    "",
    file,
    line,
    depends ? withUnique([], (depends[1] ?? "").match(ALL_IDS) ?? [], isAnyId) : [],
    extractPaths(rest),
    [],
    story ? [story] : [],
  );
  item.state = stateFromMark(mark);
  item.optional = optional;
  if (agent) item.role = agent;
  if (depends) text = text.replace(DEPENDS_NOTE, "");
  if (hasBracket) text = text.replace(PARALLEL_MARKS, "").replace(STORY_MARK, "");
  if (hasAgent) text = text.replace(AGENT_MARK, "$1");
  text = text.trim();
  item.title = plainText(text);
  item.body = rest;
  item.manual = MANUAL.test(text);
  return item;
}

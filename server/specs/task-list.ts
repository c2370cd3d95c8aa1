/**
 * spec-workflow and Kiro task lists: `- [ ] 1.` / `- [ ] 1.1` checkboxes (`[-]` in progress,
 * `[x]` done, `[~]` blocked, `[ ]*` optional) with sub-bullets (`_Requirements:_`, `_Leverage:_`,
 * `_Prompt: Role: … | Task: … | Restrictions: … | Success: …_`, `File:`/`Files:`, `_Depends:_`,
 * `Depends On:`, `Wave:`, `TDD:`, `Definition of Done:`). A task with sub-tasks is a group, not
 * work of its own. Without `Wave:` or dependencies, tasks run one at a time in file order, the
 * way spec-workflow executes them.
 */
import { roleSlug } from "./agent-keywords";
import type { FormatContext } from "./format-parsers";
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import {
  type Checkbox,
  cleanOutputPath,
  extractPaths,
  fencedLines,
  indentOf,
  isWhitespaceCode,
  parseCheckbox,
  parseHeading,
  plainText,
  splitCommas,
  splitFrontmatter,
  splitIdList,
  stateFromMark,
} from "./markdown-lines";
import { emptySpec, groupInOrder, newItem, reportDuplicateIds, withUnique } from "./spec-items";
import { checkParallelHints, type StoryExtras } from "./story-checks";
import {
  afterBullet,
  type FieldBounds,
  matchName,
  readField,
  readTaskNumber,
  type TaskNumberBounds,
  trimmedSlice,
} from "./task-list-lines";
import type { ParsedSpec, PlanItem, SpecPhase } from "./types";
import { parseYamlBlock } from "./yaml-block";

export const TASK_NUMBER = /^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$/;
// Shared patterns: these run on every line of lists with tens of thousands of lines.
const BATCH_SIZE = /max_tasks_per_wave\s*[:=]\s*(\d+)/;
const PLACEHOLDER = /\[(?:Task title|[A-Z][\w ]*placeholder)\]|\[specialist\]/i;
const TASK_ID = /^\d+(?:\.\d+)*$/;
const MANUAL = /^(?:\[manual\]|\(manual\)|manual:)/i;
const PATH_LIKE = /[./]/;

interface Draft {
  item: PlanItem;
  indent: number;
  wave?: string;
  /** The sub-bullet block currently being read (`Files:`, `Definition of Done:` …). */
  block: string | null;
  verifyCommands: string[] | null;
  /** `Can Run In Parallel With:` ids, checked against the dependencies. */
  parallelWith: string[] | null;
  /** Indent of the task's first sub-bullet: deeper bullets belong to the open block. */
  fieldIndent?: number;
}

export function parseTaskList(
  files: LoadedFile[],
  log: IssueLog,
  context?: FormatContext,
): ParsedSpec | null {
  const spec = emptySpec("task-list", "");
  const drafts: Draft[] = [];
  for (const file of files) {
    if (file.kind === "task-list") readTaskFile(file, spec, drafts, log);
    else if (file.kind === "requirements" || file.kind === "design")
      spec.documents.push({ file: file.name, kind: file.kind });
    else spec.documents.push({ file: file.name, kind: "spec" });
  }
  if (log.failed) return null;
  spec.title ||= "Task list";
  // Before groups are set aside: a repeated number is an error even on a parent task.
  const allItems = drafts.map((d) => d.item);
  const positions = reportDuplicateIds(allItems, log);
  if (log.failed) return null;

  const ids = drafts.map((d) => d.item.id);
  const parents = new Set<string>();
  // Indexed loops over the tasks: for-of makes a result object per step until this is optimized.
  for (let d = 0; d < ids.length; d++) {
    const id = ids[d] as string;
    if (!id.includes(".")) continue;
    // "1.2.3" makes "1" and "1.2" parents.
    const parts = id.split(".");
    for (let i = 1; i < parts.length; i++) parents.add(parts.slice(0, i).join("."));
  }
  if (parents.size > 0) {
    const known = new Set(ids);
    for (const parent of [...parents]) if (!known.has(parent)) parents.delete(parent);
  }
  if (parents.size > 0) {
    log.warn(
      "parent_task_grouping",
      drafts.find((d) => parents.has(d.item.id))?.item.source.file ?? "",
      drafts.find((d) => parents.has(d.item.id))?.item.source.line ?? 0,
      `Tasks ${[...parents].join(", ")} have sub-tasks; they are groups, and their checkboxes follow their sub-tasks.`,
    );
  }
  const work = parents.size === 0 ? drafts : drafts.filter((d) => !parents.has(d.item.id));
  for (let w = 0; w < work.length; w++) {
    const d = work[w] as Draft;
    if (d.verifyCommands === null) continue;
    const gate = `verify-${d.item.id}`;
    d.item.gates.push(gate);
    spec.gates[gate] = d.verifyCommands.join(" && ");
  }
  if (work === drafts) {
    // No task was set aside, so the ids just checked are the spec's, at the same positions.
    spec.items = allItems;
    if (context) context.checkedIds = { items: allItems, positions };
  } else {
    spec.items = work.map((d) => d.item);
  }
  // Only the tasks with hints: no entry (nor empty list) per task.
  const hints = new Map<string, StoryExtras>();
  for (let w = 0; w < work.length; w++) {
    const d = work[w] as Draft;
    if (d.parallelWith && d.parallelWith.length > 0)
      hints.set(d.item.id, { parallelWith: d.parallelWith, line: d.item.source.line });
  }
  checkParallelHints(spec.items, hints, log);
  spec.phases = phasesFor(work, log);
  return spec;
}

function readTaskFile(file: LoadedFile, spec: ParsedSpec, drafts: Draft[], log: IssueLog): void {
  const fm = splitFrontmatter(file.lines);
  if (fm) parseYamlBlock(fm.yaml, file.name, fm.firstLine, log);
  // Lines are read in place, with their fence flags, rather than as one object per line.
  const lines = fm ? fm.bodyLines : file.lines;
  const firstLine = fm ? fm.bodyFirstLine : 1;
  const fenced = fencedLines(lines);
  let current: Draft | null = null;
  // The lines of the current task's body: tasks never interleave, so one list serves them all,
  // joined as each task ends (appending line by line leaves a chain of partial strings per item).
  // It is cut back to one line, never emptied: emptying an array frees its storage.
  const body: string[] = [];
  const finishTask = () => {
    if (current) current.item.body = body.join("\n");
    current = null;
  };
  let placeholderLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    const number = firstLine + i;
    if (fenced[i] === 1) {
      if (current) body.push(text);
      continue;
    }
    const heading = parseHeading(text);
    if (heading) {
      if (heading.level === 1 && !spec.title) spec.title = plainText(heading.text);
      finishTask();
      continue;
    }
    const batch = current ? null : BATCH_SIZE.exec(text);
    if (batch) spec.batchSize = Number(batch[1]);
    const box = parseCheckbox(text);
    const numbered = box !== null && readTaskNumber(box.text, taskNumber);
    if (box && numbered && (!current || box.indent <= current.indent)) {
      finishTask();
      const taskText = box.text.slice(taskNumber.textStart);
      current = startTask(file.name, number, box, box.text.slice(0, taskNumber.idEnd), taskText);
      body[0] = taskText;
      body.length = 1;
      drafts.push(current);
      if (PLACEHOLDER.test(box.text)) placeholderLine ||= number;
      continue;
    }
    // An indented line or a blank one (`/^\s+\S/` or nothing but whitespace): whatever
    // follows a leading whitespace character is one or the other.
    if (current && (text.length === 0 || isWhitespaceCode(text.charCodeAt(0)))) {
      readTaskLine(current, text, body);
      continue;
    }
    if (text.trim() !== "") finishTask();
  }
  finishTask();
  if (placeholderLine > 0) {
    log.warn(
      "template_placeholder",
      file.name,
      placeholderLine,
      "This task list still has template placeholders such as [Task title]; fill them in before running it.",
    );
  }
}

function startTask(file: string, line: number, box: Checkbox, id: string, text: string): Draft {
  const item = newItem(id, plainText(text) || `Task ${id}`, file, line, [], extractPaths(text));
  item.state = stateFromMark(box.mark);
  item.optional = box.optional;
  item.manual = MANUAL.test(text.trim());
  // Every field from the start, so that no draft grows a property store later.
  return {
    item,
    indent: box.indent,
    wave: undefined,
    block: null,
    verifyCommands: null,
    parallelWith: null,
    fieldIndent: undefined,
  };
}

/** One sub-bullet of a task. Fields may be wrapped in `_…_` and prefixed by `- `. */
function readTaskLine(draft: Draft, raw: string, body: string[]): void {
  const text = raw.trim();
  if (text === "") return;
  body.push(text);
  const bulletStart = afterBullet(text);
  const indent = indentOf(raw);
  draft.fieldIndent ??= indent;
  if (bulletStart > 0 && indent <= draft.fieldIndent) {
    // Any sibling bullet closes the open block, field or not ("No-TDD Justification (…):").
    draft.block = null;
    if (!readField(text, bulletStart, field)) return;
    const name = matchName(text, field.nameStart, field.nameEnd, FIELD_NAMES);
    if (name !== undefined) applyField(draft, name, trimmedSlice(text, field.valueStart, field.valueEnd));
    return;
  }
  if (draft.block) readBlockLine(draft, bulletStart > 0 ? text.slice(bulletStart) : text);
}

/** The fields applyField reads; any other name is ignored. */
const FIELD_NAMES = [
  "requirements",
  "prompt",
  "file",
  "files",
  "depends",
  "depends on",
  "dependencies",
  "can run in parallel with",
  "wave",
  "tdd",
  "blocked",
  "manual",
  "type",
  "complexity",
  "definition of done",
  "success criteria",
  "verification command",
] as const;

const taskNumber: TaskNumberBounds = { idEnd: 0, textStart: 0 };

// Reused for every line: readField reports positions, and the line's own text is sliced only
// for the value a field keeps.
const field: FieldBounds = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/** `name` is one of FIELD_NAMES; `value` is trimmed. */
function applyField(draft: Draft, name: string, value: string): void {
  const item = draft.item;
  switch (name) {
    case "requirements":
      item.requirements = withUnique(item.requirements, splitCommas(value), isPresent);
      return;
    case "prompt":
      readPrompt(item, value);
      return;
    case "file":
    case "files":
      addOutputs(item, value === "" ? [] : splitCommas(value));
      draft.block = "files";
      return;
    case "depends":
    case "depends on":
    case "dependencies":
      item.dependsOn = withUnique(item.dependsOn, splitIdList(value), isTaskId);
      return;
    case "can run in parallel with":
      draft.parallelWith = splitIdList(value).filter((id) => TASK_ID.test(id));
      return;
    case "wave":
      if (value !== "") draft.wave = value;
      return;
    case "tdd":
      item.tdd = /^(required|on|yes|true)/i.test(value);
      return;
    case "blocked":
      item.state = "blocked";
      return;
    case "manual":
      item.manual = !/^(no|false)$/i.test(value);
      return;
    case "type":
      if (/manual/i.test(value)) item.manual = true;
      return;
    case "complexity":
      if (value !== "") item.complexity = value;
      return;
    case "definition of done":
    case "success criteria":
      draft.block = "done";
      return;
    case "verification command":
      draft.block = "verify";
      return;
    default:
      return;
  }
}

function readBlockLine(draft: Draft, bullet: string): void {
  const item = draft.item;
  if (draft.block === "files") {
    addOutputs(item, [bullet.replace(/^(?:create|modify|test|update|new|delete)\s*:\s*/i, "")]);
  } else if (draft.block === "done" && bullet !== "") {
    item.acceptanceCriteria.push({ text: bullet, done: false });
  } else if (draft.block === "verify" && bullet !== "") {
    if (draft.verifyCommands) draft.verifyCommands.push(bullet);
    else draft.verifyCommands = [bullet];
  }
}

/** `raws` is the caller's fresh array; it becomes the cleaned paths. */
function addOutputs(item: PlanItem, raws: string[]): void {
  for (let i = 0; i < raws.length; i++) raws[i] = cleanOutputPath(plainText(raws[i] ?? ""));
  item.outputs = withUnique(item.outputs, raws, isPath);
}

const isPresent = (value: string): boolean => value !== "";
const isTaskId = (id: string): boolean => TASK_ID.test(id);
const isPath = (path: string): boolean => path !== "" && PATH_LIKE.test(path) && !path.includes(" ");

/** `Role: X | Task: … | Restrictions: … | Success: …` → role slug and acceptance criteria. */
function readPrompt(item: PlanItem, value: string): void {
  for (const part of value.split("|")) {
    const m = /^\s*(Role|Success)\s*:\s*(.*)$/i.exec(part);
    if (!m) continue;
    const text = (m[2] ?? "").trim();
    if (/^role$/i.test(m[1] ?? "") && text !== "" && !/^\[.*\]$/.test(text)) item.role = roleSlug(text);
    if (/^success$/i.test(m[1] ?? "")) {
      for (const criterion of text.split(/,\s+/))
        if (criterion !== "") item.acceptanceCriteria.push({ text: criterion, done: false });
    }
  }
}

function phasesFor(work: Draft[], log: IssueLog): SpecPhase[] | null {
  const first = work[0]?.item;
  if (work.some((d) => d.wave !== undefined)) {
    const byWave = groupInOrder(work, (d) => d.wave);
    const waves = [...byWave.keys()];
    waves.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    return waves.map((w) => {
      const members = byWave.get(w) ?? [];
      return {
        name: `Wave ${w}`,
        itemIds: members.map((d) => d.item.id),
        gates: [],
        sameWaveDependency: "error",
        source: members[0]?.item.source ?? { file: "", line: 0 },
      };
    });
  }
  if (work.some((d) => d.item.dependsOn.length > 0)) return null;
  if (work.length > 1) {
    log.warn(
      "sequential_order_assumed",
      first?.source.file ?? "",
      first?.source.line ?? 0,
      "No task gives a wave or dependencies, so tasks run one at a time in file order, as spec-workflow runs them.",
    );
  }
  return work.map((d) => ({
    name: `Task ${d.item.id}`,
    itemIds: [d.item.id],
    gates: [],
    sameWaveDependency: "error",
    source: d.item.source,
  }));
}

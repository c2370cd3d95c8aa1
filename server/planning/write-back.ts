/**
 * Writes item states back into the spec's own markdown: `[x]` done, `[-]` in progress, `[~]`
 * blocked, `[ ]` pending. Only the character between the brackets of a task's checkbox changes;
 * every other byte (line endings, spacing, the optional `*`) stays as the team wrote it.
 * Formats whose states are not checkboxes (EXEC-SPEC frontmatter, story status labels) and
 * free-form specs come back unchanged.
 */
import { classifyFile } from "../specs/detect-format";
import { EXPLICIT_ID, LAYER_HEADING } from "../specs/layered-tasks";
import { parseCheckbox, parseHeading } from "../specs/markdown-lines";
import { TASK_ID } from "../specs/spec-kit";
import { TASK_NUMBER } from "../specs/task-list";
import type { ItemState, PlanItem, SpecFile } from "../specs/types";

const MARK: Record<ItemState, string> = { done: "x", in_progress: "-", blocked: "~", pending: " " };

interface TaskBox {
  id: string;
  /** Offset of the mark character in the file content. */
  offset: number;
  mark: string;
}

export function writeBackStates(file: SpecFile, states: Record<string, PlanItem["state"]>): string {
  try {
    const content = file.content;
    const boxes = taskBoxes(file);
    const wanted = new Map<number, string>();
    for (const box of boxes) {
      const state = Object.hasOwn(states, box.id) ? states[box.id] : undefined;
      if (state && state in MARK) wanted.set(box.offset, markFor(state, box.mark));
    }
    applyParentStates(boxes, states, wanted);
    if (wanted.size === 0) return content;
    let out = "";
    let last = 0;
    for (const offset of [...wanted.keys()].sort((a, b) => a - b)) {
      out += content.slice(last, offset) + (wanted.get(offset) ?? content[offset]);
      last = offset + 1;
    }
    return out + content.slice(last);
  } catch {
    // Never lose a spec over a write-back: an unreadable file is returned as it was.
    return file.content;
  }
}

/** Keeps an uppercase `[X]` when the state is still done, so a no-op write changes nothing. */
function markFor(state: ItemState, current: string): string {
  if (state === "done" && (current === "x" || current === "X")) return current;
  return MARK[state];
}

/**
 * spec-workflow/Kiro parent tasks are groups: when states are given for their sub-tasks and not
 * for the parent itself, the parent's box follows them (all done → done, any started → in progress).
 */
function applyParentStates(boxes: TaskBox[], states: Record<string, ItemState>, wanted: Map<number, string>) {
  const childrenOf = new Map<string, TaskBox[]>();
  for (const box of boxes) {
    const cut = box.id.lastIndexOf(".");
    if (cut <= 0) continue;
    const parentId = box.id.slice(0, cut);
    childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), box]);
  }
  for (const parent of boxes) {
    if (Object.hasOwn(states, parent.id)) continue;
    const children = childrenOf.get(parent.id) ?? [];
    if (children.length === 0 || !children.some((c) => Object.hasOwn(states, c.id))) continue;
    const childStates = children.map((c) =>
      Object.hasOwn(states, c.id) ? states[c.id] : stateOfMark(c.mark),
    );
    const state: ItemState = childStates.every((s) => s === "done")
      ? "done"
      : childStates.some((s) => s === "done" || s === "in_progress")
        ? "in_progress"
        : "pending";
    wanted.set(parent.offset, markFor(state, parent.mark));
  }
}

function stateOfMark(mark: string): ItemState {
  return mark === "x" || mark === "X"
    ? "done"
    : mark === "-"
      ? "in_progress"
      : mark === "~"
        ? "blocked"
        : "pending";
}

/** Every task checkbox with the id the parsers give it, using the same rules per format. */
function taskBoxes(file: SpecFile): TaskBox[] {
  const kind = classifyFile(file);
  const boxes: TaskBox[] = [];
  let fence: string | null = null;
  let layer: { number: string; count: number } | null = null;
  let inLayerTask = false;
  let offset = 0;
  for (const line of file.content.split(/(?<=\n)/)) {
    const start = offset;
    offset += line.length;
    const text = line.replace(/\r?\n$/, "");
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== null || marker) {
      if (fence === null && marker) fence = marker;
      else if (marker?.startsWith(fence ?? "\0") && text.trim().replace(/[`~]/g, "") === "") fence = null;
      continue;
    }
    const heading = parseHeading(text);
    if (heading) {
      const m = LAYER_HEADING.exec(heading.text);
      if (m) layer = { number: m[1] ?? "0", count: 0 };
      else if (heading.level <= 2) layer = null;
      inLayerTask = false;
      continue;
    }
    const box = parseCheckbox(text);
    if (!box) continue;
    const markOffset = start + text.indexOf("[") + 1;
    const id = idFor(kind, box.text, box.indent, layer, inLayerTask);
    if (kind === "layered" && layer && (!inLayerTask || box.indent <= 1)) inLayerTask = true;
    if (id) boxes.push({ id, offset: markOffset, mark: box.mark });
  }
  return boxes;
}

function idFor(
  kind: ReturnType<typeof classifyFile>,
  text: string,
  indent: number,
  layer: { number: string; count: number } | null,
  inLayerTask: boolean,
): string | null {
  if (kind === "spec-kit") return TASK_ID.exec(text)?.[1] ?? null;
  if (kind === "task-list") return TASK_NUMBER.exec(text)?.[1] ?? null;
  if (kind === "layered") {
    if (!layer || (inLayerTask && indent > 1)) return null;
    const explicit = EXPLICIT_ID.exec(text)?.[1];
    const index = layer.count++;
    return explicit ? explicit.replace(".", "-") : `L${layer.number}-${index}`;
  }
  return null;
}

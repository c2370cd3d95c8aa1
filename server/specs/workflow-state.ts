/**
 * A story-set run's `workflow-state.json` (`stories.completed / inProgress / pending`). It records
 * what actually happened, so its states win over the story files, and every disagreement is
 * reported in one warning.
 */
import { parseJsonSafely } from "./detect-format";
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import type { ItemState, PlanItem } from "./types";
import { asStringList, isRecord } from "./yaml-block";

export function applyWorkflowState(file: LoadedFile, items: PlanItem[], log: IssueLog): boolean {
  const parsed = parseJsonSafely(file.content);
  if (!parsed.ok) {
    log.error("json_syntax", file.name, 1, `The workflow state JSON cannot be read: ${parsed.error.message}`);
    return false;
  }
  const data = parsed.value;
  if (!isRecord(data) || !isRecord(data.stories)) {
    log.warn(
      "state_ignored",
      file.name,
      1,
      "This workflow state has no `stories` lists, so no states were imported.",
    );
    return true;
  }
  const states = new Map<string, ItemState>();
  const lists: [unknown, ItemState][] = [
    [data.stories.pending, "pending"],
    [data.stories.inProgress ?? data.stories.in_progress, "in_progress"],
    [data.stories.blocked, "blocked"],
    [data.stories.completed, "done"],
  ];
  for (const [list, state] of lists) for (const id of asStringList(list)) states.set(id.toUpperCase(), state);

  const byId = new Map(items.map((i) => [i.id, i]));
  const changed: string[] = [];
  const unknown: string[] = [];
  for (const [id, state] of states) {
    const item = byId.get(id);
    if (!item) {
      unknown.push(id);
      continue;
    }
    if (item.state !== state) changed.push(id);
    item.state = state;
  }
  if (changed.length > 0) {
    log.warn(
      "state_conflict",
      file.name,
      1,
      `The workflow state and the story files disagree on ${changed.length} stories (${changed.join(", ")}); the workflow state wins because it records the run.`,
    );
  }
  if (unknown.length > 0) {
    log.warn(
      "state_unknown_item",
      file.name,
      1,
      `The workflow state mentions ${unknown.join(", ")}, which were not uploaded.`,
    );
  }
  return true;
}

/** Every story id the state lists, in list order (pending, in progress, blocked, completed). */
export function workflowStateIds(file: LoadedFile): string[] {
  const parsed = parseJsonSafely(file.content);
  if (!parsed.ok || !isRecord(parsed.value) || !isRecord(parsed.value.stories)) return [];
  const ids: string[] = [];
  for (const list of Object.values(parsed.value.stories)) {
    for (const id of asStringList(list)) if (!ids.includes(id.toUpperCase())) ids.push(id.toUpperCase());
  }
  return ids;
}

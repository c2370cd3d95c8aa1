/**
 * Layered `tasks.md` (dev-lifecycle "implementation:execute"): checkbox tasks grouped under
 * layer headings `## L0: Infrastructure` … `## L3`, run layer by layer. Tasks name no agent, so
 * the agent comes from domain keywords (reported per task). Ids are `L<layer>-<index>` with the
 * index counted from 0, the numbering the run's `execution-status.json` uses ("L1.4").
 * The execution-status log, uploaded alone or beside tasks.md, supplies agents and states.
 */

import { parseJsonSafely } from "./detect-format";
import { parseExecutionStatus } from "./execution-status";
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import {
  extractPaths,
  parseCheckbox,
  parseHeading,
  plainText,
  scanLines,
  stateFromMark,
} from "./markdown-lines";
import { emptySpec, newItem } from "./spec-items";
import type { ParsedSpec, PlanItem, SpecPhase } from "./types";

export const LAYER_HEADING = /^(?:Layer\s*|L)(\d+)\b[\s:.—–-]*(.*)$/i;
export const EXPLICIT_ID = /^(L\d+[-.]\d+)\b[:.]?\s*(.*)$/;
const AGENT_TAG = /(?:^|\s)@([\w-]+)|\((?:agent|executor):\s*([\w-]+)\)/i;
const INLINE_DEPENDS = /\((?:depends on|after)\s+([^)]*)\)/i;

export function parseLayeredTasks(files: LoadedFile[], log: IssueLog): ParsedSpec | null {
  let spec = emptySpec("layered-tasks", "");
  for (const file of files.filter((f) => f.kind === "layered")) readLayeredFile(file, spec, log);
  for (const file of files.filter((f) => f.kind === "execution-status")) {
    const parsed = parseJsonSafely(file.content);
    if (!parsed.ok) {
      log.error(
        "json_syntax",
        file.name,
        1,
        `The execution status JSON cannot be read: ${parsed.error.message}`,
      );
      return null;
    }
    const status = parseExecutionStatus(file.name, parsed.value, log);
    if (!status) return null;
    spec =
      spec.items.length === 0
        ? { ...status, warnings: spec.warnings }
        : mergeStatus(spec, status, file.name, log);
    spec.documents.push({ file: file.name, kind: "state-log" });
  }
  for (const file of files) {
    if (file.kind !== "layered" && file.kind !== "execution-status")
      spec.documents.push({ file: file.name, kind: "spec" });
  }
  spec.title ||= "Layered tasks";
  return spec;
}

function readLayeredFile(file: LoadedFile, spec: ParsedSpec, log: IssueLog): void {
  const phases: SpecPhase[] = spec.phases ?? [];
  let layer: { phase: SpecPhase; number: string; count: number } | null = null;
  let current: PlanItem | null = null;
  let stray = { count: 0, line: 0 };
  for (const line of scanLines(file.lines)) {
    if (line.inFence) continue;
    const heading = parseHeading(line.text);
    if (heading) {
      current = null;
      if (heading.level === 1 && !spec.title) spec.title = plainText(heading.text);
      const m = LAYER_HEADING.exec(heading.text);
      if (m) {
        const number = m[1] ?? "0";
        const phase: SpecPhase = {
          name: `L${number}${m[2] ? `: ${plainText(m[2])}` : ""}`,
          itemIds: [],
          gates: [],
          sameWaveDependency: "split",
          source: { file: file.name, line: line.number },
        };
        phases.push(phase);
        layer = { phase, number, count: 0 };
      } else if (heading.level <= 2) {
        layer = null;
      }
      continue;
    }
    const box = parseCheckbox(line.text);
    if (box && layer && (current === null || box.indent <= 1)) {
      current = layerTask(file.name, line.number, box.text, box.mark, layer.number, layer.count++);
      current.optional = box.optional;
      layer.phase.itemIds.push(current.id);
      spec.items.push(current);
      continue;
    }
    if (box && !layer) {
      stray = { count: stray.count + 1, line: stray.line || line.number };
      continue;
    }
    if (current && /^\s+\S/.test(line.text)) {
      current.body += `\n${line.text.trim()}`;
      for (const path of extractPaths(line.text))
        if (!current.outputs.includes(path)) current.outputs.push(path);
    }
  }
  spec.phases = phases;
  if (stray.count > 0) {
    log.warn(
      "checkbox_not_task",
      file.name,
      stray.line,
      `${stray.count} checkboxes in ${file.name} are outside any layer (L0…L3); they are not planned.`,
    );
  }
}

function layerTask(
  file: string,
  line: number,
  text: string,
  mark: string,
  layer: string,
  index: number,
): PlanItem {
  const explicit = EXPLICIT_ID.exec(text);
  const id = explicit ? (explicit[1] ?? "").replace(".", "-") : `L${layer}-${index}`;
  const rest = explicit ? (explicit[2] ?? "") : text;
  const item = newItem(id, "", file, line);
  item.state = stateFromMark(mark);
  const agent = AGENT_TAG.exec(rest);
  if (agent) item.role = agent[1] ?? agent[2] ?? "";
  const depends = INLINE_DEPENDS.exec(rest);
  if (depends) {
    for (const m of (depends[1] ?? "").matchAll(/L\d+[-.]\d+/g)) item.dependsOn.push(m[0].replace(".", "-"));
  }
  item.title = plainText(rest.replace(AGENT_TAG, " ").replace(INLINE_DEPENDS, " "));
  item.body = rest;
  item.outputs = extractPaths(rest);
  return item;
}

/** The log records the run: its states win; its agents fill tasks that named none. */
function mergeStatus(spec: ParsedSpec, status: ParsedSpec, file: string, log: IssueLog): ParsedSpec {
  const byId = new Map(spec.items.map((i) => [i.id, i]));
  const conflicts: string[] = [];
  for (const logged of status.items) {
    const item = byId.get(logged.id);
    if (!item) {
      log.warn(
        "status_unknown_item",
        file,
        logged.source.line,
        `The execution log mentions ${logged.id}, which tasks.md does not have.`,
      );
      continue;
    }
    if (item.role === "") item.role = logged.role;
    if (item.state !== logged.state) conflicts.push(`${logged.id} (${item.state} → ${logged.state})`);
    item.state = logged.state;
    if (item.outputs.length === 0) item.outputs = logged.outputs;
    item.complexity ??= logged.complexity;
  }
  if (conflicts.length > 0) {
    log.warn(
      "state_conflict",
      file,
      1,
      `tasks.md and the execution log disagree on ${conflicts.join(", ")}; the log wins because it records the run.`,
    );
  }
  return spec;
}

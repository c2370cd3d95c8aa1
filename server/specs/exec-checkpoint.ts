/**
 * The checkpoint JSON an EXEC-SPEC run writes, imported as work already done. Two shapes exist:
 * the build-pipeline one carries `workstream_details` and `execution_phases`; the feature-pipeline
 * one only has the completed / in-progress / pending id arrays.
 */
import { readPhases, readWorkstreams, stateFromStatus } from "./exec-spec";
import type { IssueLog } from "./issues";
import { emptySpec, newItem } from "./spec-items";
import type { ItemState, ParsedSpec } from "./types";
import { asString, asStringList, isRecord } from "./yaml-block";

export function parseCheckpoint(file: string, data: unknown, log: IssueLog): ParsedSpec | null {
  if (!isRecord(data)) {
    log.error("invalid_field", file, 1, "The checkpoint must be a JSON object.");
    return null;
  }
  const title =
    asString(data.prd_title) ??
    asString(data.spec) ??
    asString(data.prd) ??
    asString(data.feature) ??
    "Checkpoint";
  const spec = emptySpec("exec-spec-checkpoint", title);
  const states = checkpointStates(data);

  if (data.workstream_details !== undefined) {
    spec.items = readWorkstreams(data.workstream_details, file, null, log, undefined, "workstream_details");
  } else {
    const ids = [...states.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    for (const id of ids) spec.items.push(newItem(id, id, file, 1));
    log.warn(
      "checkpoint_without_details",
      file,
      1,
      "This checkpoint lists workstream ids only; upload the EXEC-SPEC with it to get names, agents and dependencies.",
    );
  }
  const artifacts = isRecord(data.artifacts) ? data.artifacts : {};
  for (const item of spec.items) {
    const state = states.get(item.id);
    if (state) item.state = state;
    if (item.outputs.length === 0) item.outputs = asStringList(artifacts[item.id]);
  }
  spec.phases = readPhases(data.execution_phases, file, null, log, "error");
  for (const gate of [...asStringList(data.gates_passed), ...asStringList(data.gates_pending)])
    spec.gates[gate] ??= "";
  const done = spec.items.filter((i) => i.state === "done").map((i) => i.id);
  if (done.length > 0) {
    log.warn(
      "imported_state",
      file,
      1,
      `The checkpoint marks ${done.join(", ")} complete; they are imported as done.`,
    );
  }
  return spec;
}

/** id → state from the id arrays; a later array wins, so "completed" beats "pending" for the same id. */
export function checkpointStates(data: Record<string, unknown>): Map<string, ItemState> {
  const states = new Map<string, ItemState>();
  const lists: [unknown, ItemState][] = [
    [data.pending_workstreams, "pending"],
    [data.in_progress_workstreams, "in_progress"],
    [data.blocked_workstreams ?? data.failed_workstreams, "blocked"],
    [data.completed_workstreams, "done"],
  ];
  for (const [list, state] of lists) for (const id of asStringList(list)) states.set(id, state);
  if (isRecord(data.workstream_details)) {
    for (const [id, def] of Object.entries(data.workstream_details)) {
      if (!states.has(id) && isRecord(def) && def.status !== undefined)
        states.set(id, stateFromStatus(asString(def.status)));
    }
  }
  return states;
}

/**
 * The layered run's `execution-status.json`: `layers.L0.tasks[]` with index, description,
 * agent, complexity, dependencies (indices in the same layer), status and created files.
 * Imported as work already done; each layer is a phase.
 */
import { stateFromStatus } from "./exec-spec";
import type { IssueLog } from "./issues";
import { emptySpec, newItem } from "./spec-items";
import type { ParsedSpec, SpecPhase } from "./types";
import { asString, asStringList, isRecord } from "./yaml-block";

export function parseExecutionStatus(file: string, data: unknown, log: IssueLog): ParsedSpec | null {
  if (!isRecord(data) || !isRecord(data.layers)) {
    log.error("invalid_field", file, 1, "The execution status must be a JSON object with a `layers` map.");
    return null;
  }
  const title =
    [asString(data.feature), asString(data.feature_name)].filter(Boolean).join(": ") || "Execution status";
  const spec = emptySpec("layered-tasks", title);
  const phases: SpecPhase[] = [];
  for (const [layerId, layer] of Object.entries(data.layers)) {
    if (!isRecord(layer)) continue;
    const layerName = /^L?\d+$/i.test(layerId) ? `L${layerId.replace(/^L/i, "")}` : layerId;
    const phase: SpecPhase = {
      name: `${layerName}${asString(layer.name) ? `: ${asString(layer.name)}` : ""}`,
      itemIds: [],
      gates: [],
      sameWaveDependency: "split",
      source: { file, line: 1 },
    };
    const tasks = Array.isArray(layer.tasks) ? layer.tasks : [];
    tasks.forEach((task, position) => {
      if (!isRecord(task)) return;
      const index = typeof task.index === "number" ? task.index : position;
      const id = `${layerName}-${index}`;
      const item = newItem(id, asString(task.description) ?? id, file, 1);
      item.role = asString(task.agent) ?? "";
      item.complexity = asString(task.complexity);
      if (item.complexity === undefined) delete item.complexity;
      item.state = stateFromStatus(asString(task.status));
      if (/^skipped$/i.test(asString(task.status) ?? "")) item.state = "done";
      item.dependsOn = asStringList(task.dependencies).map((d) =>
        /^\d+$/.test(d) ? `${layerName}-${d}` : d,
      );
      item.outputs = [...asStringList(task.files_created), ...asStringList(task.files_modified)];
      item.body = [asString(task.command), asString(task.output), asString(task.error)]
        .filter(Boolean)
        .join("\n");
      phase.itemIds.push(id);
      spec.items.push(item);
    });
    phases.push(phase);
  }
  spec.phases = phases;
  const done = spec.items.filter((i) => i.state === "done").length;
  if (done > 0) {
    log.warn(
      "imported_state",
      file,
      1,
      `The execution log marks ${done} of ${spec.items.length} tasks complete; they are imported as done.`,
    );
  }
  return spec;
}

import { writeBackStates } from "../planning";
import type { ItemState, SpecFile } from "../specs";
import { ExportError } from "./errors";
import type { ExportSnapshot } from "./snapshot";

/** Formats whose items are checkbox lines, so a state can be written back as `[x]` / `[-]`. */
const CHECKBOX_FORMATS = new Set(["layered-tasks", "task-list", "spec-kit"]);

/**
 * Story status → the state written back. Pending and skipped stories are left out, so their
 * boxes keep whatever the spec's author wrote: the run has nothing new to say about them. A
 * manual item waiting for a person is left unmarked too, as spec-workflow asks for human-gated tasks.
 */
const written: Partial<Record<string, ItemState>> = {
  succeeded: "done",
  queued: "in_progress",
  running: "in_progress",
  failed: "blocked",
};

export function taskStatesFromRun(snapshot: ExportSnapshot): Record<string, ItemState> {
  const states: Record<string, ItemState> = {};
  for (const story of snapshot.stories) {
    const state = written[story.status];
    if (state) states[story.key] = state;
  }
  return states;
}

/**
 * The spec's own task file with its checkboxes updated from the run, as the layered-tasks
 * workflow updates `tasks.md` after each layer. The text is the uploaded file's; only the
 * checkbox characters change (writeBackStates' contract).
 */
export function toTasksFile(snapshot: ExportSnapshot): SpecFile {
  const { format, plan, files } = snapshot.spec;
  if (!CHECKBOX_FORMATS.has(format)) {
    throw new ExportError(
      "no_checkboxes",
      `This spec is in the ${format} format, which has no task checkboxes to update; export the checkpoint or the run result instead.`,
    );
  }
  const taskFiles = [...new Set(plan.items.map((item) => item.source.file))];
  if (taskFiles.length > 1) {
    throw new ExportError(
      "several_task_files",
      `This spec's tasks are spread over ${taskFiles.join(", ")}; there is no single task file to export.`,
    );
  }
  const file = files.find((candidate) => candidate.name === taskFiles[0]);
  if (!file) {
    throw new ExportError("no_checkboxes", "The uploaded spec holds no task file with checkboxes.");
  }
  return { name: file.name, content: writeBackStates(file, taskStatesFromRun(snapshot)) };
}

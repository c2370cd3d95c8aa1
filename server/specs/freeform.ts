/**
 * A free-form feature spec has no task list. It is accepted as a spec whose only item is an
 * analysis step that must write a task list in one of the supported formats; the planner puts
 * it in wave 0 and marks the plan `analysisRequired`.
 */
import type { IssueLog } from "./issues";
import type { LoadedFile } from "./loaded-file";
import { parseCheckbox, parseHeading, scanLines } from "./markdown-lines";
import { emptySpec, newItem } from "./spec-items";
import type { ParsedSpec } from "./types";

export const ANALYSIS_ITEM_ID = "ANALYSIS";

export function parseFreeform(files: LoadedFile[], log: IssueLog): ParsedSpec {
  const main = files[0];
  const title = main ? (firstHeading(main.lines) ?? main.name) : "Feature spec";
  const spec = emptySpec("freeform", title);
  spec.analysisRequired = true;
  const item = newItem(ANALYSIS_ITEM_ID, `Analyse "${title}" and write a task list`, main?.name ?? "", 1);
  item.role = "analyst";
  item.body = files
    .map((f) => (files.length > 1 ? `<!-- ${f.name} -->\n${f.content}` : f.content))
    .join("\n\n");
  item.outputs = ["tasks.md"];
  item.acceptanceCriteria = [
    { text: "tasks.md lists every task with an id, its dependencies and the files it changes", done: false },
    {
      text: "tasks.md is in a format Specwave plans (EXEC-SPEC, spec-kit, spec-workflow, stories or layers)",
      done: false,
    },
  ];
  spec.items.push(item);

  for (const file of files) {
    let count = 0;
    let firstLine = 0;
    for (const line of scanLines(file.lines)) {
      if (!line.inFence && parseCheckbox(line.text)) {
        count++;
        firstLine ||= line.number;
      }
    }
    if (count > 0) {
      log.warn(
        "checkbox_not_task",
        file.name,
        firstLine,
        `${file.name} has ${count} checkboxes without task ids; they are read as notes for the analysis step, not as tasks.`,
      );
    }
  }
  log.warn(
    "analysis_required",
    main?.name ?? "",
    1,
    "This spec has no task list. Wave 0 is an analysis step that must write one before any implementation starts.",
  );
  return spec;
}

function firstHeading(lines: string[]): string | null {
  for (const line of lines.slice(0, 200)) {
    const h = parseHeading(line);
    if (h) return h.text;
  }
  return null;
}

import type { AgentPicker } from "./agent-keywords";
import { parseExecSpecUpload } from "./exec-spec-upload";
import { parseFreeform } from "./freeform";
import type { IssueLog } from "./issues";
import { parseLayeredTasks } from "./layered-tasks";
import type { LoadedFile } from "./loaded-file";
import { parseSpecKit } from "./spec-kit";
import { parseStorySet } from "./story-set";
import { parseTaskList } from "./task-list";
import type { ParsedSpec, PlanItem, SpecFormat } from "./types";

export interface FormatContext {
  pickAgent: AgentPicker;
  /**
   * Set by a parser that has checked its items' ids for repeats itself: each id's position in
   * `items`, the spec's own array. parseSpec takes it instead of indexing 10,000 ids again.
   */
  checkedIds?: { items: PlanItem[]; positions: Map<string, number> };
}

/** Reads a whole upload in one format; returns null after logging at least one error. */
export type FormatParser = (files: LoadedFile[], log: IssueLog, context: FormatContext) => ParsedSpec | null;

export const FORMAT_PARSERS: Record<SpecFormat, FormatParser> = {
  "exec-spec": (files, log) => parseExecSpecUpload(files, log),
  "exec-spec-checkpoint": (files, log) => parseExecSpecUpload(files, log),
  "layered-tasks": (files, log) => parseLayeredTasks(files, log),
  "story-set": (files, log) => parseStorySet(files, log),
  "task-list": (files, log, context) => parseTaskList(files, log, context),
  "spec-kit": (files, log) => parseSpecKit(files, log),
  freeform: (files, log) => parseFreeform(files, log),
};

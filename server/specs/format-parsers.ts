import type { AgentPicker } from "./agent-keywords";
import { parseExecSpecUpload } from "./exec-spec-upload";
import { parseFreeform } from "./freeform";
import type { IssueLog } from "./issues";
import { parseLayeredTasks } from "./layered-tasks";
import type { LoadedFile } from "./loaded-file";
import { parseSpecKit } from "./spec-kit";
import { parseStorySet } from "./story-set";
import { parseTaskList } from "./task-list";
import type { ParsedSpec, SpecFormat } from "./types";

export interface FormatContext {
  pickAgent: AgentPicker;
}

/** Reads a whole upload in one format; returns null after logging at least one error. */
export type FormatParser = (files: LoadedFile[], log: IssueLog, context: FormatContext) => ParsedSpec | null;

export const FORMAT_PARSERS: Record<SpecFormat, FormatParser> = {
  "exec-spec": (files, log) => parseExecSpecUpload(files, log),
  "exec-spec-checkpoint": (files, log) => parseExecSpecUpload(files, log),
  "layered-tasks": (files, log) => parseLayeredTasks(files, log),
  "story-set": (files, log) => parseStorySet(files, log),
  "task-list": (files, log) => parseTaskList(files, log),
  "spec-kit": (files, log) => parseSpecKit(files, log),
  freeform: (files, log) => parseFreeform(files, log),
};

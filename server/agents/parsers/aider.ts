import { fromFinalMessage } from "./final-message";
import type { OutputParser } from "./types";

/**
 * Aider prints plain text. The one structured signal is its own line for every edit it applies,
 * `Applied edit to <path>`; the rest comes from the agent's report line.
 */
const APPLIED_EDIT = /^Applied edit to (.+?)\s*$/;

export const parseAiderText: OutputParser = (stdout, context) => {
  const toolFiles: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = APPLIED_EDIT.exec(line.trim());
    if (match?.[1] !== undefined) toolFiles.push(match[1]);
  }
  return fromFinalMessage({ finalText: stdout, toolFiles, cliOk: context.exitCode === 0 });
};

/** For any CLI without a structured format: the report line, else the last paragraph. */
export const parsePlainText: OutputParser = (stdout, context) =>
  fromFinalMessage({ finalText: stdout, toolFiles: [], cliOk: context.exitCode === 0 });

import { fromFinalMessage, isRecord, jsonLines, stringField } from "./final-message";
import type { OutputParser } from "./types";

/**
 * Claude Code `-p --output-format stream-json --verbose`: one JSON object per line, `system` (init),
 * `assistant` / `user` messages, and a final `result` line such as
 * `{"type":"result","subtype":"success","is_error":false,"result":"...","num_turns":3,...}`.
 * Other subtypes (`error_max_turns`, `error_during_execution`) or `is_error: true` mean the run failed.
 */

// Claude Code's file-writing tools and the input field that names the file.
const WRITING_TOOLS: Record<string, string> = {
  Write: "file_path",
  Edit: "file_path",
  MultiEdit: "file_path",
  NotebookEdit: "notebook_path",
};

export const parseClaudeStreamJson: OutputParser = (stdout) => {
  const toolFiles: string[] = [];
  let lastAssistantText = "";
  let result: Record<string, unknown> | undefined;

  for (const event of jsonLines(stdout)) {
    if (event.type === "assistant" && isRecord(event.message) && Array.isArray(event.message.content)) {
      const texts: string[] = [];
      for (const block of event.message.content) {
        if (!isRecord(block)) continue;
        if (block.type === "text" && typeof block.text === "string") texts.push(block.text);
        if (block.type === "tool_use" && typeof block.name === "string" && isRecord(block.input)) {
          const field = WRITING_TOOLS[block.name];
          const file = field === undefined ? undefined : stringField(block.input, field);
          if (file !== undefined) toolFiles.push(file);
        }
      }
      if (texts.length > 0) lastAssistantText = texts.join("\n");
    }
    if (event.type === "result") result = event;
  }

  if (result === undefined) {
    return fromFinalMessage({
      finalText: lastAssistantText,
      toolFiles,
      cliOk: false,
      cliError: "Claude Code printed no result line",
    });
  }
  const subtype = stringField(result, "subtype") ?? "unknown";
  const failed = subtype !== "success" || result.is_error === true;
  const finalText = stringField(result, "result") ?? lastAssistantText;
  return fromFinalMessage({
    finalText,
    toolFiles,
    cliOk: !failed,
    ...(failed
      ? { cliError: `Claude Code result ${subtype}${finalText ? `: ${finalText.slice(0, 300)}` : ""}` }
      : {}),
  });
};

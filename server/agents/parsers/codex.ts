import { fromFinalMessage, isRecord, jsonLines, stringField } from "./final-message";
import type { OutputParser } from "./types";

/**
 * Codex `exec --json`: JSONL thread events. `thread.started`, `turn.started`, `item.started` /
 * `item.updated` / `item.completed` (items typed `agent_message`, `reasoning`, `command_execution`,
 * `file_change` with `changes: [{path, kind}]`, ...), then `turn.completed` (with `usage`) or
 * `turn.failed` (with `error.message`); a top-level `error` event reports a stream failure.
 */
export const parseCodexJsonl: OutputParser = (stdout) => {
  const toolFiles: string[] = [];
  let lastAgentMessage = "";
  let turnCompleted = false;
  let failure: string | undefined;

  for (const event of jsonLines(stdout)) {
    switch (event.type) {
      case "item.completed": {
        const item = isRecord(event.item) ? event.item : undefined;
        if (item === undefined) break;
        // Early releases named the discriminator `item_type` and the message `assistant_message`.
        const itemType = stringField(item, "type") ?? stringField(item, "item_type");
        if (itemType === "agent_message" || itemType === "assistant_message") {
          lastAgentMessage = stringField(item, "text") ?? lastAgentMessage;
        }
        if (itemType === "file_change" && item.status !== "failed" && Array.isArray(item.changes)) {
          for (const change of item.changes) {
            if (!isRecord(change) || change.kind === "delete") continue;
            const path = stringField(change, "path");
            if (path !== undefined) toolFiles.push(path);
          }
        }
        break;
      }
      case "turn.completed":
        turnCompleted = true;
        break;
      case "turn.failed":
        failure = errorMessage(event) ?? "turn failed";
        break;
      case "error":
        failure = stringField(event, "message") ?? errorMessage(event) ?? "stream error";
        break;
    }
  }

  if (failure === undefined && !turnCompleted) failure = "Codex printed no turn.completed event";
  return fromFinalMessage({
    finalText: lastAgentMessage,
    toolFiles,
    cliOk: failure === undefined,
    ...(failure === undefined ? {} : { cliError: `Codex: ${failure}` }),
  });
};

function errorMessage(event: Record<string, unknown>): string | undefined {
  return isRecord(event.error) ? stringField(event.error, "message") : undefined;
}

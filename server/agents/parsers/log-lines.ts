import { isRecord, stringField } from "./final-message";
import { safeJson } from "./report-block";

/**
 * Turns a structured CLI's JSON lines into lines a person can read in the step's log. The parser
 * still reads the raw output; this is only what the log (and `outputTail`) show. A line that is not
 * JSON, or an event of a type we do not know, is shown as it is, so nothing is hidden.
 */
export type LogLineFormatter = (line: string) => string | undefined;

const TEXT_LIMIT = 2_000;

export const formatClaudeLogLine: LogLineFormatter = (line) =>
  withEvent(line, (event) => {
    switch (event.type) {
      case "system":
        return event.subtype === "init"
          ? `[claude] session started, model ${stringField(event, "model") ?? "?"}`
          : "";
      case "assistant":
        return contentBlocks(event).map(describeClaudeBlock).filter(Boolean).join("\n");
      case "user":
        // Tool results repeat file contents and command output the agent already acted on.
        return "";
      case "result": {
        const turns = typeof event.num_turns === "number" ? `, ${event.num_turns} turns` : "";
        const cost = typeof event.total_cost_usd === "number" ? `, $${event.total_cost_usd.toFixed(4)}` : "";
        const error = event.is_error === true ? " (is_error)" : "";
        return `[result] ${stringField(event, "subtype") ?? "?"}${error}${turns}${cost}`;
      }
      default:
        return undefined;
    }
  });

export const formatCodexLogLine: LogLineFormatter = (line) =>
  withEvent(line, (event) => {
    switch (event.type) {
      case "thread.started":
        return `[codex] thread ${stringField(event, "thread_id") ?? "?"} started`;
      case "turn.started":
      case "item.started":
      case "item.updated":
        return "";
      case "item.completed":
        return isRecord(event.item) ? describeCodexItem(event.item) : undefined;
      case "turn.completed":
        return "[turn completed]";
      case "turn.failed":
        return `[turn failed] ${isRecord(event.error) ? (stringField(event.error, "message") ?? "") : ""}`;
      case "error":
        return `[error] ${stringField(event, "message") ?? ""}`;
      default:
        return undefined;
    }
  });

/** `summarise` returns the display text, "" to leave the line out, or undefined to show it raw. */
function withEvent(line: string, summarise: (event: Record<string, unknown>) => string | undefined) {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return line;
  const event = safeJson(trimmed);
  if (!isRecord(event)) return line;
  const described = summarise(event);
  if (described === undefined) return line;
  return described === "" ? undefined : clip(described);
}

function contentBlocks(event: Record<string, unknown>): Record<string, unknown>[] {
  const content = isRecord(event.message) ? event.message.content : undefined;
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

function describeClaudeBlock(block: Record<string, unknown>): string {
  if (block.type === "text") return stringField(block, "text") ?? "";
  if (block.type !== "tool_use") return "";
  const input = isRecord(block.input) ? block.input : {};
  const target =
    stringField(input, "file_path") ??
    stringField(input, "notebook_path") ??
    stringField(input, "command") ??
    stringField(input, "pattern") ??
    "";
  return `[tool] ${stringField(block, "name") ?? "?"} ${target}`.trimEnd();
}

function describeCodexItem(item: Record<string, unknown>): string | undefined {
  const type = stringField(item, "type") ?? stringField(item, "item_type");
  switch (type) {
    case "agent_message":
    case "assistant_message":
      return stringField(item, "text") ?? "";
    case "reasoning":
      return `[reasoning] ${stringField(item, "text") ?? ""}`;
    case "command_execution": {
      const exit = typeof item.exit_code === "number" ? ` (exit ${item.exit_code})` : "";
      return `[command] ${stringField(item, "command") ?? ""}${exit}`;
    }
    case "file_change": {
      const changes = Array.isArray(item.changes) ? item.changes.filter(isRecord) : [];
      const listed = changes.map(
        (change) => `${stringField(change, "kind") ?? "?"} ${stringField(change, "path") ?? "?"}`,
      );
      return `[files${item.status === "failed" ? " failed" : ""}] ${listed.join(", ")}`;
    }
    default:
      return undefined;
  }
}

function clip(text: string): string {
  return text.length > TEXT_LIMIT
    ? `${text.slice(0, TEXT_LIMIT)}… [${text.length - TEXT_LIMIT} more characters]`
    : text;
}

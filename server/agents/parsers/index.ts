import { parseAiderText, parsePlainText } from "./aider";
import { parseClaudeStreamJson } from "./claude";
import { parseCodexJsonl } from "./codex";
import { parseGeminiJson } from "./gemini";
import { formatClaudeLogLine, formatCodexLogLine, type LogLineFormatter } from "./log-lines";
import type { OutputParser } from "./types";

/** Output formats by name, so configuration (plain data) can pick a parser. */
export const OUTPUT_FORMATS = [
  "claude-stream-json",
  "codex-jsonl",
  "gemini-json",
  "aider-text",
  "text",
] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_PARSERS: Record<OutputFormat, OutputParser> = {
  "claude-stream-json": parseClaudeStreamJson,
  "codex-jsonl": parseCodexJsonl,
  "gemini-json": parseGeminiJson,
  "aider-text": parseAiderText,
  text: parsePlainText,
};

export type { AgentFinding, AgentReport } from "./report-block";
export { findReport, REPORT_MARKER } from "./report-block";
export type { OutputParser, ParseContext, ParsedOutput } from "./types";
/** Formats whose JSON lines are rewritten for the log; the others are shown as printed. */
export const LOG_FORMATTERS: Partial<Record<OutputFormat, LogLineFormatter>> = {
  "claude-stream-json": formatClaudeLogLine,
  "codex-jsonl": formatCodexLogLine,
};

export type { LogLineFormatter };
export { parseAiderText, parseClaudeStreamJson, parseCodexJsonl, parseGeminiJson, parsePlainText };

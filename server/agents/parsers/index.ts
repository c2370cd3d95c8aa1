import { parseAiderText, parsePlainText } from "./aider";
import { parseClaudeStreamJson } from "./claude";
import { parseCodexJsonl } from "./codex";
import { parseGeminiJson } from "./gemini";
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
export { parseAiderText, parseClaudeStreamJson, parseCodexJsonl, parseGeminiJson, parsePlainText };

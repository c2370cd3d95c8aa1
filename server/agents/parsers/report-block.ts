import { z } from "zod";

/**
 * The Specwave report line every prompt asks for. Most CLIs have no structured way to say which files
 * the agent wrote (Gemini's JSON and Aider's text don't), so the agent states it itself on one line.
 * It remains a claim: verification decides.
 */

export const REPORT_MARKER = "SPECWAVE-REPORT";

// The example is deliberately not valid JSON, so a CLI that echoes the prompt back is not mistaken
// for an agent that reported.
export const REPORT_INSTRUCTIONS = [
  `End your final message with exactly one line of this form (valid JSON after the marker):`,
  `${REPORT_MARKER} {"done": <true|false>, "summary": "<one sentence>", "files": [<paths you wrote, relative to this directory>], "findings": [{"severity": "<blocker|major|minor>", "file": "<path>", "message": "<text>"}]}`,
  `"findings" is for reviewers and analysts; others may leave it empty.`,
].join("\n");

export const findingSchema = z.object({
  severity: z.enum(["blocker", "major", "minor"]).catch("minor"),
  file: z.string().optional(),
  message: z.string(),
});
export type AgentFinding = z.infer<typeof findingSchema>;

const reportSchema = z.object({
  done: z.boolean(),
  summary: z.string().default(""),
  files: z.array(z.string()).default([]),
  findings: z.array(findingSchema).default([]),
});
export type AgentReport = z.infer<typeof reportSchema>;

/** The last well-formed report line in `text`, or undefined when the agent did not report. */
export function findReport(text: string): AgentReport | undefined {
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]?.trim() ?? "";
    const at = line.indexOf(REPORT_MARKER);
    if (at === -1) continue;
    const parsed = reportSchema.safeParse(safeJson(line.slice(at + REPORT_MARKER.length).trim()));
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** `text` without its report lines, for a human-readable summary. */
export function withoutReport(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.includes(REPORT_MARKER))
    .join("\n")
    .trim();
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

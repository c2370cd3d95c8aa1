import { findReport, withoutReport } from "./report-block";
import type { ParsedOutput } from "./types";

const SUMMARY_LIMIT = 600;

/**
 * Shared last step of every parser: combine what the CLI itself says (did the turn succeed, which
 * files did its tools write) with the agent's own report line in its final message.
 */
export function fromFinalMessage(input: {
  finalText: string;
  toolFiles: readonly string[];
  cliOk: boolean;
  cliError?: string;
}): ParsedOutput {
  const report = findReport(input.finalText);
  const files = new Set([...input.toolFiles, ...(report?.files ?? [])]);
  const summary = report?.summary || lastParagraph(withoutReport(input.finalText)) || input.cliError || "";
  return {
    // An agent that did not send a report but whose CLI finished cleanly is taken to claim done;
    // an explicit done=false always wins.
    claimedDone: input.cliOk && (report?.done ?? true),
    summary: summary.length > SUMMARY_LIMIT ? `${summary.slice(0, SUMMARY_LIMIT - 1)}…` : summary,
    claimedFiles: [...files],
    findings: report?.findings ?? [],
    ...(input.cliError === undefined ? {} : { cliError: input.cliError }),
  };
}

function lastParagraph(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((part) => part.trim());
  return paragraphs.filter((part) => part !== "").at(-1) ?? "";
}

/** Each line of `text` that is a JSON object, in order; other lines (warnings, banners) are skipped. */
export function* jsonLines(text: string): Generator<Record<string, unknown>> {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(trimmed);
      if (isRecord(value)) yield value;
    } catch {
      // A partial line (output cut by the cap) or a non-JSON log line: not an event.
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

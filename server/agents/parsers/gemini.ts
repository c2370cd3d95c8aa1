import { fromFinalMessage, isRecord, stringField } from "./final-message";
import { safeJson } from "./report-block";
import type { OutputParser } from "./types";

/**
 * Gemini CLI `--output-format json`: one JSON object, `{response, stats, error?}`. `response` is the
 * model's final answer; `error` (with `type`, `message`, `code`) is present when the request failed.
 * Gemini's JSON names no files, so claimed files come from the report line only.
 */
export const parseGeminiJson: OutputParser = (stdout) => {
  const payload = findJsonObject(stdout);
  if (payload === undefined) {
    return fromFinalMessage({
      finalText: "",
      toolFiles: [],
      cliOk: false,
      cliError: "Gemini CLI printed no JSON result",
    });
  }
  const response = stringField(payload, "response") ?? "";
  const error = isRecord(payload.error) ? (stringField(payload.error, "message") ?? "error") : undefined;
  return fromFinalMessage({
    finalText: response,
    toolFiles: [],
    cliOk: error === undefined && stringField(payload, "response") !== undefined,
    ...(error === undefined ? {} : { cliError: `Gemini CLI: ${error}` }),
  });
};

/** The whole output when it is one object; otherwise the object starting at the last line that opens one. */
function findJsonObject(stdout: string): Record<string, unknown> | undefined {
  const whole = safeJson(stdout.trim());
  if (isRecord(whole)) return whole;
  const lines = stdout.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index--) {
    if (!lines[index]?.startsWith("{")) continue;
    const candidate = safeJson(lines.slice(index).join("\n").trim());
    if (isRecord(candidate)) return candidate;
  }
  return undefined;
}

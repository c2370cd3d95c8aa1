/**
 * What every command that talks to a server shares: `--url` and `--json`, the client built from
 * them and the environment, and one way to turn a failure into a message and an exit code.
 */
import type { Command } from "commander";
import type { SpecIssue } from "../specs";
import { ApiClient } from "./api-client";
import { DEFAULT_URL } from "./cli-env";
import { ApiError, exitCodeFor, UsageError } from "./exit-codes";
import { formatIssues } from "./format-plan";
import type { CliIo } from "./io";

export interface ServerOptions {
  url?: string;
  json?: boolean;
}

export function addServerOptions(command: Command): Command {
  return command
    .option("--url <url>", `Specwave server (default: $SPECWAVE_URL or ${DEFAULT_URL})`)
    .option("--json", "print machine-readable JSON on stdout");
}

export function clientFor(io: CliIo, options: ServerOptions): ApiClient {
  const url = options.url ?? io.env?.url ?? DEFAULT_URL;
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--url must be an http(s) URL, not "${url}".`);
  return new ApiClient({ baseUrl: url, token: io.env?.token });
}

/** Prints JSON on stdout (one document, pretty, newline-terminated). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a command body and sets the exit code: the body's own, or the one its error maps to.
 * With --json the error is a `{ error: { code, message, details } }` document on stdout, the
 * API's own error shape, so a script reads failures the way it reads the API's.
 */
export function serverAction<A extends unknown[]>(
  io: CliIo,
  name: string,
  body: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const options = args.find(
      (a): a is ServerOptions => typeof a === "object" && a !== null && !Array.isArray(a),
    );
    try {
      io.exitCode = await body(...args);
    } catch (error) {
      io.exitCode = exitCodeFor(error);
      reportError(io, name, error, options?.json === true);
    }
  };
}

export function reportError(io: CliIo, name: string, error: unknown, json: boolean): void {
  const api = error instanceof ApiError ? error : undefined;
  const code = api?.code ?? (error instanceof UsageError ? "usage" : "unreachable");
  const message = error instanceof Error ? error.message : String(error);
  if (json) {
    printJson(io, {
      error: { code, message, ...(api?.details === undefined ? {} : { details: api.details }) },
    });
    return;
  }
  io.stderr(`specwave ${name}: ${message}${api ? ` (${api.code}, HTTP ${api.status})` : ""}\n`);
  if (api?.status === 401) {
    io.stderr("Set SPECWAVE_TOKEN to an API token: create one in the dashboard under Tokens.\n");
  }
  const issues = specIssuesOf(api?.details);
  if (issues.errors.length > 0) io.stderr(formatIssues(issues.errors, "error"));
  if (issues.warnings.length > 0) io.stderr(formatIssues(issues.warnings, "warning"));
}

/** `invalid_spec` answers carry the parser's issues: print them as `file:line: error code: …`. */
function specIssuesOf(details: unknown): { errors: SpecIssue[]; warnings: SpecIssue[] } {
  const d = (details ?? {}) as { errors?: unknown; warnings?: unknown };
  return {
    errors: Array.isArray(d.errors) ? (d.errors as SpecIssue[]) : [],
    warnings: Array.isArray(d.warnings) ? (d.warnings as SpecIssue[]) : [],
  };
}

import { type SpawnOptions, spawn } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { constants as osConstants, tmpdir } from "node:os";
import path from "node:path";
import { buildChildEnv, defaultParentEnv, type Env } from "./child-env";
import { type CommandAgentConfig, type CommandAgentConfigInput, commandAgentConfigSchema } from "./config";
import { AgentConfigError } from "./errors";
import { OutputCapture } from "./output-capture";
import {
  type AgentFinding,
  LOG_FORMATTERS,
  OUTPUT_PARSERS,
  type OutputParser,
  type ParsedOutput,
} from "./parsers";
import { killProcessGroup, trackProcessGroup } from "./process-tree";
import { DEFAULT_PROMPT_TEMPLATE, renderPrompt, validatePromptTemplate } from "./prompt";
import type { AgentAdapter, AgentResult, AgentTask } from "./types";

/**
 * The `command` adapter: runs any coding-agent CLI on one task. The prompt goes to the CLI's stdin or
 * a private temp file, never into a shell and never into argv, so spec text cannot become a command.
 * The CLI runs in the item's workspace with an allowlisted environment, its output is streamed with
 * a cap, and a timeout or cancellation kills its whole process group.
 */

export type AgentFailureKind = "spawn-failed" | "timed-out" | "cancelled" | "exit-code" | "cli-error";

export interface AgentFailure {
  kind: AgentFailureKind;
  message: string;
}

/** An `AgentResult` with what the command adapter knows beyond the contract. */
export interface CommandAgentResult extends AgentResult {
  /** Why the run did not succeed; absent when the CLI exited 0 and reported no error. */
  failure?: AgentFailure;
  /** Reviewers' and analysts' findings from the report line. */
  findings: AgentFinding[];
  /** Output that never reached the step's log because of the cap. */
  droppedOutputBytes: number;
  /** The argv that ran (the prompt is never in it). */
  argv: string[];
}

export interface CommandAdapterConfig extends CommandAgentConfigInput {
  /** Replaces `{model}` in `args`. Required when `args` mentions it. */
  model?: string;
  /** Appended to `args`, e.g. a role's extra flags. */
  extraArgs?: string[];
  /** Overrides the parser chosen by `outputFormat`. */
  parseOutput?: OutputParser;
}

export interface CommandAdapterDeps {
  /** The server's environment, filtered through the allowlist. Defaults to `defaultParentEnv()`. */
  parentEnv?: Env;
  /** Where prompt files are written. Defaults to the OS temp folder. */
  tempDir?: string;
}

/** An adapter whose results carry the command adapter's extra fields. */
export interface CommandAdapter extends AgentAdapter {
  run(task: AgentTask): Promise<CommandAgentResult>;
}

export function createCommandAdapter(
  config: CommandAdapterConfig,
  deps: CommandAdapterDeps = {},
): CommandAdapter {
  const parsedConfig = commandAgentConfigSchema.safeParse(config);
  if (!parsedConfig.success) {
    throw new AgentConfigError("invalid-config", `agent ${config.name}: ${parsedConfig.error.message}`);
  }
  const settings: CommandAgentConfig = parsedConfig.data;
  const args = [...settings.args, ...(config.extraArgs ?? [])];
  if (config.model === undefined && args.some((arg) => arg.includes("{model}"))) {
    throw new AgentConfigError(
      "missing-model",
      `agent ${settings.name} needs a model: its arguments use {model}`,
    );
  }
  const template = settings.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE;
  validatePromptTemplate(template);
  const parseOutput = config.parseOutput ?? OUTPUT_PARSERS[settings.outputFormat];
  const parentEnv = deps.parentEnv ?? defaultParentEnv();
  const tempRoot = deps.tempDir ?? tmpdir();

  return {
    name: settings.name,
    async run(task) {
      const startedAt = performance.now();
      const run = { settings, args, model: config.model, template, parseOutput, parentEnv, startedAt };
      if (task.signal.aborted) return earlyFailure(run, "cancelled", "cancelled before the agent started");
      if (!(await isDirectory(task.workspaceDir))) {
        return earlyFailure(run, "spawn-failed", `workspace ${task.workspaceDir} is not a directory`);
      }
      const prompt = renderPrompt(template, task);
      const needsFile = settings.promptVia === "file" || args.some((arg) => arg.includes("{promptFile}"));
      // Outside the workspace, so the prompt is never committed with the item's changes; 0600 because
      // it can quote the spec in full.
      const promptDir = needsFile ? await mkdtemp(path.join(tempRoot, "specwave-prompt-")) : undefined;
      try {
        const promptFile = promptDir === undefined ? "" : path.join(promptDir, "prompt.md");
        if (promptDir !== undefined) await writeFile(promptFile, prompt, { mode: 0o600 });
        return await execute(run, task, prompt, promptFile);
      } finally {
        if (promptDir !== undefined) await rm(promptDir, { recursive: true, force: true });
      }
    },
  };
}

interface RunContext {
  settings: CommandAgentConfig;
  args: string[];
  model: string | undefined;
  parseOutput: OutputParser;
  parentEnv: Env;
  startedAt: number;
}

type ExitInfo = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

async function execute(
  run: RunContext,
  task: AgentTask,
  prompt: string,
  promptFile: string,
): Promise<CommandAgentResult> {
  const { settings } = run;
  const argv = run.args.map((arg) =>
    arg
      .replaceAll("{model}", run.model ?? "")
      .replaceAll("{promptFile}", promptFile)
      .replaceAll("{workspaceDir}", task.workspaceDir),
  );
  const capture = new OutputCapture({
    streamCapBytes: settings.outputCapBytes,
    tailBytes: settings.tailBytes,
    parseBufferBytes: settings.parseBufferBytes,
    onOutput: task.onOutput,
    formatStdoutLine: settings.logStyle === "readable" ? LOG_FORMATTERS[settings.outputFormat] : undefined,
  });

  // The signal may have fired while the prompt was being written, before anyone was listening.
  if (task.signal.aborted) return earlyFailure(run, "cancelled", "cancelled before the agent started");
  const options: SpawnOptions = {
    cwd: task.workspaceDir,
    // Next's typings make NODE_ENV mandatory in ProcessEnv; an agent's environment has no reason to carry it.
    env: buildChildEnv(run.parentEnv, settings.envAllowlist, settings.env) as NodeJS.ProcessEnv,
    // Its own process group (and session), so the whole tree can be signalled at once.
    detached: true,
    stdio: [settings.promptVia === "stdin" ? "pipe" : "ignore", "pipe", "pipe"],
    windowsHide: true,
  };
  const child = spawn(settings.command, argv, options);
  const untrack = child.pid === undefined ? () => {} : trackProcessGroup(child.pid);
  // Set in the listeners themselves, so a timeout that fires just after the exit cannot count as a kill.
  let hasExited = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("error", (error) => {
      hasExited = true;
      resolve({ error });
    });
    child.once("exit", (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
  });
  const streamsClosed = Promise.all([
    new Promise((resolve) => child.stdout?.once("close", resolve)),
    new Promise((resolve) => child.stderr?.once("close", resolve)),
  ]);
  child.stdout?.on("data", (chunk: Buffer) => capture.write("stdout", chunk));
  child.stderr?.on("data", (chunk: Buffer) => capture.write("stderr", chunk));
  if (child.stdin) {
    // A CLI that exits without reading its stdin makes this write fail with EPIPE: not our failure.
    child.stdin.on("error", () => {});
    child.stdin.end(prompt);
  }

  let stopReason: "timed-out" | "cancelled" | undefined;
  let killing: Promise<unknown> | undefined;
  const stop = (reason: "timed-out" | "cancelled") => {
    if (hasExited || stopReason !== undefined || child.pid === undefined) return;
    stopReason = reason;
    killing = killProcessGroup(child.pid, settings.killGraceMs);
  };
  const timer = setTimeout(() => stop("timed-out"), settings.timeoutMs);
  const onAbort = () => stop("cancelled");
  task.signal.addEventListener("abort", onAbort, { once: true });

  const exit = await exited;
  clearTimeout(timer);
  task.signal.removeEventListener("abort", onAbort);
  if (killing !== undefined) await killing;
  // The CLI is gone; anything it left running in its group (a dev server, a watcher) goes too.
  else if (child.pid !== undefined && !("error" in exit))
    await killProcessGroup(child.pid, settings.killGraceMs);
  untrack();
  // Pipes close once every holder has exited; bounded in case a process escaped the group.
  await Promise.race([streamsClosed, delay(2_000)]);
  child.stdout?.destroy();
  child.stderr?.destroy();
  capture.finish();

  const exitCode = exitCodeOf(exit);
  const parsed = run.parseOutput(capture.stdoutText(), { exitCode });
  const failure = failureOf(exit, exitCode, stopReason, parsed, settings);
  return {
    exitCode,
    claimedDone: failure === undefined && parsed.claimedDone,
    summary: failure === undefined ? parsed.summary : joinSummary(failure.message, parsed.summary),
    outputTail: capture.outputTail(),
    claimedFiles: workspaceRelative(parsed.claimedFiles, task.workspaceDir),
    durationMs: Math.round(performance.now() - run.startedAt),
    timedOut: stopReason === "timed-out",
    cancelled: stopReason === "cancelled",
    ...(failure === undefined ? {} : { failure }),
    findings: parsed.findings,
    droppedOutputBytes: capture.droppedBytes,
    argv: [settings.command, ...argv],
  };
}

function failureOf(
  exit: ExitInfo,
  exitCode: number,
  stopReason: "timed-out" | "cancelled" | undefined,
  parsed: ParsedOutput,
  settings: CommandAgentConfig,
): AgentFailure | undefined {
  if ("error" in exit) {
    return { kind: "spawn-failed", message: `could not start ${settings.command}: ${exit.error.message}` };
  }
  if (stopReason === "timed-out") {
    return {
      kind: "timed-out",
      message: `${settings.name} timed out after ${settings.timeoutMs} ms and was killed`,
    };
  }
  if (stopReason === "cancelled") return { kind: "cancelled", message: `${settings.name} was cancelled` };
  if (exitCode !== 0) {
    const how = exit.signal === null ? `exited with code ${exitCode}` : `was killed by ${exit.signal}`;
    return { kind: "exit-code", message: `${settings.name} ${how}` };
  }
  if (parsed.cliError !== undefined) return { kind: "cli-error", message: parsed.cliError };
  return undefined;
}

function earlyFailure(run: RunContext, kind: AgentFailureKind, message: string): CommandAgentResult {
  return {
    exitCode: -1,
    claimedDone: false,
    summary: message,
    outputTail: "",
    claimedFiles: [],
    durationMs: Math.round(performance.now() - run.startedAt),
    timedOut: false,
    cancelled: kind === "cancelled",
    failure: { kind, message },
    findings: [],
    droppedOutputBytes: 0,
    argv: [],
  };
}

/** The shell convention (128 + signal number) for a signalled exit, -1 when the CLI never started. */
function exitCodeOf(exit: ExitInfo): number {
  if ("error" in exit) return -1;
  if (exit.code !== null) return exit.code;
  const number = exit.signal === null ? undefined : osConstants.signals[exit.signal];
  return number === undefined ? -1 : 128 + number;
}

function joinSummary(failure: string, summary: string): string {
  return summary === "" || summary === failure ? failure : `${failure}: ${summary}`;
}

/**
 * Claimed paths relative to the workspace, POSIX separators, without duplicates. A path outside the
 * workspace keeps its leading `../` so that verification can reject the claim rather than miss it.
 */
function workspaceRelative(files: readonly string[], workspaceDir: string): string[] {
  const relative = files.map((file) =>
    path.relative(workspaceDir, path.resolve(workspaceDir, file)).split(path.sep).join("/"),
  );
  return [...new Set(relative.filter((file) => file !== ""))];
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

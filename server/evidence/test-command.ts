import path from "node:path";
import { execa } from "execa";

export interface TestCommand {
  /** An executable, run without a shell: arguments are passed as they are, never interpreted. */
  command: string;
  args: string[];
}

export interface TestRunOptions {
  cwd: string;
  timeoutMs: number;
  /** The complete environment of the test command; nothing of the server's own environment leaks in. */
  env: Record<string, string>;
  signal?: AbortSignal;
  /** How much output to keep for parsing (the end of it: runners print their summary last). */
  captureChars?: number;
}

export interface TestRun {
  /** Null when the command could not start or was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the command did not start (e.g. not installed), if it did not. */
  spawnError: string | null;
  durationMs: number;
  /** Interleaved stdout and stderr, cut to the last `captureChars` characters. */
  output: string;
  outputTruncated: boolean;
}

const DEFAULT_CAPTURE = 8 * 1024 * 1024;
/** Time a test run gets between SIGTERM and SIGKILL, to flush its reports. */
const KILL_GRACE_MS = 2_000;

/** A PATH that finds the Node running Specwave (and its npx) and the usual system tools. */
export function defaultTestPath(): string {
  return [path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter);
}

/**
 * Runs a project's test command in its own process group, so a timeout or cancellation stops the
 * runner's workers too (Vitest forks, `node --test` spawns a process per file), not just the parent.
 */
export async function runTestCommand(command: TestCommand, options: TestRunOptions): Promise<TestRun> {
  const capture = options.captureChars ?? DEFAULT_CAPTURE;
  const started = performance.now();
  let output = "";
  let truncated = false;
  let timedOut = false;
  let cancelled = false;

  let subprocess: ReturnType<typeof startCommand>;
  try {
    subprocess = startCommand(command, options);
  } catch (e) {
    // execa refuses some input outright (an empty command, a NUL byte in an argument).
    return {
      exitCode: null,
      signal: null,
      timedOut: false,
      cancelled: false,
      spawnError: e instanceof Error ? e.message : String(e),
      durationMs: Math.round(performance.now() - started),
      output: "",
      outputTruncated: false,
    };
  }

  const killGroup = (signal: NodeJS.Signals): void => {
    if (subprocess.pid === undefined) return;
    try {
      process.kill(-subprocess.pid, signal);
    } catch {
      // ESRCH: the group is already gone, which is what we wanted.
    }
  };
  let forceKill: NodeJS.Timeout | undefined;
  const stop = (): void => {
    killGroup("SIGTERM");
    forceKill ??= setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    stop();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  subprocess.all?.setEncoding("utf8");
  subprocess.all?.on("data", (chunk: string) => {
    output += chunk;
    // Trim in large steps so a chatty runner does not make us copy the buffer on every chunk.
    if (output.length > capture * 2) {
      output = output.slice(-capture);
      truncated = true;
    }
  });

  const result = await subprocess;
  clearTimeout(timer);
  options.signal?.removeEventListener("abort", onAbort);
  // Whatever the runner left behind (a watcher, a server a test forgot to close) goes with it.
  killGroup("SIGKILL");
  if (forceKill) clearTimeout(forceKill);

  if (output.length > capture) {
    output = output.slice(-capture);
    truncated = true;
  }
  const spawnError =
    subprocess.pid === undefined || (result.failed && result.exitCode === undefined && !result.signal)
      ? (result.originalMessage ?? result.shortMessage ?? "the command could not be started")
      : null;
  return {
    exitCode: typeof result.exitCode === "number" ? result.exitCode : null,
    signal: result.signal ?? null,
    timedOut,
    cancelled,
    spawnError: timedOut || cancelled ? null : spawnError,
    durationMs: Math.round(performance.now() - started),
    output,
    outputTruncated: truncated,
  };
}

/** Own process group (`detached`) so the whole tree can be signalled; no shell; no inherited environment. */
function startCommand(command: TestCommand, options: TestRunOptions) {
  return execa(command.command, command.args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    shell: false,
    stdin: "ignore",
    all: true,
    buffer: false,
    reject: false,
    // execa's `cleanup` does not apply to detached processes: a worker shutting down must abort
    // `signal` to stop a run in progress.
    detached: true,
  });
}

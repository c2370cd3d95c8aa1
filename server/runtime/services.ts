import type { SpecwaveConfig } from "../config/env";
import { createDb, type Db } from "../db/client";
import type { EngineDeps } from "../engine/types";
import { createQueueKit, type QueueKit } from "../queue/backend";
import { StepDispatcher } from "../queue/dispatcher";
import { readRuntimeInfo } from "./runtime-file";

/** The database and queues a web or worker process talks to, resolved from configuration. */
export interface Services extends EngineDeps {
  db: Db;
  databaseUrl: string;
  kit: QueueKit;
  dispatcher: StepDispatcher;
  close(): Promise<void>;
}

export class ServicesUnavailableError extends Error {}

export function resolveDatabaseUrl(config: SpecwaveConfig): string {
  if (config.databaseUrl) return config.databaseUrl;
  const runtime = readRuntimeInfo(config.dataDir);
  if (runtime) return runtime.databaseUrl;
  throw new ServicesUnavailableError(
    "DATABASE_URL is not set and no embedded database is running: start Specwave with `npm start`, or set DATABASE_URL.",
  );
}

export async function connectServices(config: SpecwaveConfig): Promise<Services> {
  const databaseUrl = resolveDatabaseUrl(config);
  const db = createDb(databaseUrl, { max: config.dbPool });
  const kit = await createQueueKit({ redisUrl: config.redisUrl, databaseUrl, prefix: config.queuePrefix });
  const dispatcher = new StepDispatcher(kit);
  let closed = false;
  return {
    db,
    databaseUrl,
    kit,
    dispatcher,
    enqueue: dispatcher.enqueue,
    async close() {
      if (closed) return;
      closed = true;
      await dispatcher.close();
      await kit.close();
      await db.$disconnect();
    },
  };
}

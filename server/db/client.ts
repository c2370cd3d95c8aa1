import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
export type { Prisma } from "./generated/client";

/**
 * A Prisma client over a node-postgres pool (Prisma 6.19's driver-adapter path; no engine
 * binary). The pool is ours so that every connection has an error listener: when PostgreSQL
 * restarts, an idle or checked-out connection emits `error`, and without a listener node would
 * end the whole process. The failed query errors instead, and the next one reconnects.
 */
export function createDb(
  databaseUrl: string,
  options: { max?: number; onConnectionError?: (error: Error) => void } = {},
): Db {
  const onError = options.onConnectionError ?? (() => undefined);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
  pool.on("error", onError);
  pool.on("connect", (client) => {
    client.on("error", onError);
  });
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

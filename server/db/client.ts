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
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(db, pool);
  return db;
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The pool under a client from `createDb`: the engine's step transitions run their SQL on it
 * directly, since Prisma's query compiler costs several times the query itself on that path.
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("this Prisma client was not made by createDb");
  return pool;
}

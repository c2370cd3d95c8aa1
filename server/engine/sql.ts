import { createHash } from "node:crypto";
import type pg from "pg";
import { type Db, poolOf } from "../db/client";
import type { Tx } from "./types";

/**
 * The engine's transitions as SQL, so the same code runs inside a Prisma transaction (a person's
 * action, an approval, the start of a run) and on a plain PostgreSQL transaction (a step claimed
 * or completed by a worker, thousands a minute, where Prisma's per-query overhead would be most
 * of the cost).
 *
 * Conventions, so both drivers return the same values: counts are cast to `int`, bigint ids to
 * `text`, enums to `text`, timestamps are written from ISO strings (`$n::timestamp(3)`, UTC like
 * Prisma) and read `AT TIME ZONE 'UTC'`, JSON is passed as text and cast to `jsonb`.
 */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** For statements whose result is not a row set (`pg_notify` returns void). */
  execute(text: string, params?: readonly unknown[]): Promise<void>;
}

export function prismaSql(tx: Tx): Sql {
  return {
    query: (text, params = []) => tx.$queryRawUnsafe(text, ...params),
    execute: async (text, params = []) => {
      await tx.$executeRawUnsafe(text, ...params);
    },
  };
}

/** Deadlocks and serialization failures: the transaction did nothing and can simply run again. */
const retryable = new Set(["40P01", "40001"]);
const ATTEMPTS = 5;

async function retried<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !retryable.has(code)) throw error;
    }
  }
}

/** Runs `fn` in one READ COMMITTED transaction on the client's pool, again after a deadlock. */
export async function inTransaction<T>(db: Db, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  return retried(() => once(pool, fn));
}

/**
 * One statement, atomic on its own (its data-modifying CTEs commit together or not at all): one
 * round trip instead of a transaction's several, for the transitions every step makes.
 */
export async function inStatement<Row>(db: Db, text: string, params: readonly unknown[]): Promise<Row[]> {
  const pool = poolOf(db);
  return retried(async () => (await pool.query(prepared(text, params))).rows as Row[]);
}

/**
 * Named, so each connection prepares a statement once and PostgreSQL can keep its plan: planning
 * the larger statements here costs more than running them.
 */
const names = new Map<string, string>();
function prepared(text: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `specwave_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values: params as unknown[] | undefined };
}

async function once<T>(pool: pg.Pool, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const sql: Sql = {
    query: async (text, params) => (await client.query(prepared(text, params))).rows,
    execute: async (text, params) => {
      await client.query(prepared(text, params));
    },
  };
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await fn(sql);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    // A connection that could not roll back is closed rather than handed to the next caller.
    client.release(broken);
  }
}

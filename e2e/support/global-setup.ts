import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { testServices } from "../../server/config/test-env";
import { createTestDatabase } from "../../server/testing/databases";
import { createPeople } from "../../server/testing/people";
import { authDir, baseUrl, stateFile, storageState } from "./people";

/**
 * Starts Specwave as `npm start` would, on a fresh database of this machine's PostgreSQL and
 * on Redis (the production profile), and stops it gracefully after the suite.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createTestDatabase("e2e");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-e2e-"));
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: testServices.redisUrl,
      PORT: "3210",
      SPECWAVE_DATA_DIR: dataDir,
      SPECWAVE_QUEUE_PREFIX: `e2e${Date.now()}`,
      SPECWAVE_DEMO_AGENT_MS: "1500-2500",
      SPECWAVE_DEMO_FAIL_ITEMS: "RETRY1@2",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Specwave did not start within 5 minutes")), 300_000);
    server.stdout?.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (chunk.toString().includes("Specwave is running at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Specwave exited during start-up (${code})`));
    });
  });
  // The team: an administrator (first run), an approver, a viewer and an outsider, each with a
  // session (a storage state per person) and an API token.
  const team = await createPeople(baseUrl);
  await mkdir(authDir, { recursive: true });
  await writeFile(path.join(authDir, "people.json"), JSON.stringify(team));
  for (const who of Object.keys(team) as (keyof typeof team)[]) {
    await writeFile(stateFile(who), JSON.stringify(storageState(team[who].cookie)));
  }
  return async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGINT");
    });
    await database.drop();
  };
}

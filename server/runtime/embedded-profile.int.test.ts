import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "../db/embedded";
import { deployMigrations } from "../db/migrate";
import { threeWaveSpec } from "../engine/fixtures";
import { startRun } from "../engine/run-start";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";

/** The newcomer's profile: no DATABASE_URL, no REDIS_URL; embedded PostgreSQL and its queue backend. */
let dataDir: string;
let embedded: EmbeddedDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-embedded-"));
  embedded = await startEmbeddedDatabase(dataDir);
  await deployMigrations(embedded.url, path.resolve(import.meta.dirname, "../.."));
  harness = await startEngineHarness({ databaseUrl: embedded.url });
}, 180_000);

afterAll(async () => {
  await harness?.close();
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it("completes a run on the embedded PostgreSQL with BullMQ's PostgreSQL backend", async () => {
  expect(harness.services.kit.kind).toBe("postgres");
  const specId = await harness.storeSpec([threeWaveSpec]);
  const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
  const run = await waitFor(
    () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId }, include: { stories: true } }),
    (current) => current.status === "succeeded" || current.status === "failed",
    60_000,
  );
  expect(run.status).toBe("succeeded");
  expect(run.stories.map((story) => story.status)).toEqual([
    "succeeded",
    "succeeded",
    "succeeded",
    "succeeded",
  ]);
  const version = await harness.services.db.$queryRaw<{ server_version: string }[]>`show server_version`;
  expect(Number.parseInt(version[0]?.server_version ?? "0", 10)).toBeGreaterThanOrEqual(18);
});

import { afterAll, beforeAll, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { allStepQueueNames } from "../queue/catalog";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { threeWaveSpec } from "./fixtures";
import { reconcile } from "./reconciler";
import { startRun } from "./run-start";

let database: TestDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("reconcile");
  harness = await startEngineHarness({
    databaseUrl: database.url,
    redisUrl: testServices.redisUrl,
    workers: false,
  });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

// First in the file: the workers must not run yet.
it("closes a wave whose last story finished when the process that finished it died before closing it", async () => {
  const { db } = harness.services;
  const specId = await harness.storeSpec([threeWaveSpec]);
  const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
  const first = await db.wave.findFirstOrThrow({ where: { runId, index: 0 } });
  // What a story's one-statement finish leaves when its process dies right after it: the wave's
  // stories and steps done, the dependents counted down, the wave's counter at zero, the wave
  // still running.
  const now = new Date();
  await db.step.updateMany({
    where: { story: { waveId: first.id } },
    data: { status: "succeeded", finishedAt: now },
  });
  await db.story.updateMany({ where: { waveId: first.id }, data: { status: "succeeded", finishedAt: now } });
  await db.$executeRaw`UPDATE "Story" s SET "pendingDeps" = (SELECT count(*) FROM "Story" d
    WHERE d."runId" = s."runId" AND d.key = ANY(s."dependsOn") AND d.status <> 'succeeded') WHERE s."runId" = ${runId}`;
  await db.wave.update({ where: { id: first.id }, data: { remaining: 0 } });

  expect(await reconcile(harness.services, harness.services.dispatcher)).toBeGreaterThan(0);
  expect((await db.wave.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("gating");
  // Closing is guarded by the wave's status: a second pass finds nothing to close.
  const again = await db.wave.findMany({ where: { runId, status: "running", remaining: 0 } });
  expect(again).toHaveLength(0);

  const workers = await harness.startWorkers();
  await waitFor(
    () => db.run.findUniqueOrThrow({ where: { id: runId } }),
    (run) => run.status === "succeeded",
  );
  // The next test starts without workers.
  await workers.close();
  harness.workers = undefined;
});

it("puts steps back on their queues when the queue lost them, and the run completes", async () => {
  const specId = await harness.storeSpec([threeWaveSpec]);
  const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });

  // The queue loses every job (as after a Redis restart without persistence).
  for (const name of allStepQueueNames)
    await harness.services.dispatcher.queue(name).obliterate({ force: true });
  const queued = await harness.services.db.step.findMany({ where: { runId, status: "queued" } });
  expect(queued).toHaveLength(1);
  const [lost] = queued;
  if (!lost) throw new Error("expected a queued step");
  expect(await harness.services.dispatcher.hasJob(lost.queue, lost.id, lost.dispatch)).toBe(false);

  await new Promise((resolve) => setTimeout(resolve, 2100)); // past the reconciler's grace period
  await harness.startWorkers();
  await waitFor(
    () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
    (run) => run.status === "succeeded",
  );
  const steps = await harness.services.db.step.findMany({ where: { runId } });
  expect(steps.every((step) => step.status === "succeeded" && step.attempts === 1)).toBe(true);
});

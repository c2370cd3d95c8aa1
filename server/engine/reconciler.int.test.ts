import { afterAll, beforeAll, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { allStepQueueNames } from "../queue/catalog";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { threeWaveSpec } from "./fixtures";
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

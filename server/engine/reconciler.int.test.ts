import { afterAll, beforeAll, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { allStepQueueNames } from "../queue/catalog";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { threeWaveSpec } from "./fixtures";
import { reconcile } from "./reconciler";
import { startRun } from "./run-start";
import { claimStep, completeStep } from "./step-lifecycle";

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

it("restores a running step without a job only when the pass before also found it lost", async () => {
  const { db, dispatcher } = harness.services;
  const specId = await harness.storeSpec([threeWaveSpec]);
  const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
  const step = await db.step.findFirstOrThrow({ where: { runId, status: "queued" } });
  // Claimed, and its job gone: what a worker leaves while the step's outcome is still being
  // recorded, and also what it leaves if it dies before the recording commits.
  const claimed = await claimStep(harness.services, step.id);
  expect(claimed?.attempt).toBe(1);
  for (const name of allStepQueueNames) await dispatcher.queue(name).obliterate({ force: true });

  const lostBefore = new Set<string>();
  const pass = () => reconcile(harness.services, dispatcher, { graceMs: 0, lostBefore });
  expect(await pass()).toBe(0);
  expect(await dispatcher.hasJob(step.queue, step.id, step.dispatch)).toBe(false);
  expect(await pass()).toBe(1);
  expect(await dispatcher.hasJob(step.queue, step.id, step.dispatch)).toBe(true);

  // A step whose outcome was recorded between the two passes is left alone.
  for (const name of allStepQueueNames) await dispatcher.queue(name).obliterate({ force: true });
  lostBefore.clear();
  expect(await pass()).toBe(0);
  await completeStep(harness.services, step.id, { ok: true, result: {} }, { attempt: 1 });
  expect((await db.step.findUniqueOrThrow({ where: { id: step.id } })).status).toBe("succeeded");
  const next = await db.step.findFirstOrThrow({ where: { storyId: step.storyId, position: 1 } });
  for (const name of allStepQueueNames) await dispatcher.queue(name).obliterate({ force: true });
  // The next step is queued, not running: restored in one pass.
  expect(await pass()).toBe(1);
  expect(await dispatcher.hasJob(next.queue, next.id, next.dispatch)).toBe(true);
  expect(await dispatcher.hasJob(step.queue, step.id, step.dispatch)).toBe(false);
  await db.run.update({ where: { id: runId }, data: { status: "cancelled" } });
});

it("records an outcome only for the attempt its worker claimed", async () => {
  const { db } = harness.services;
  const specId = await harness.storeSpec([threeWaveSpec]);
  const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
  const step = await db.step.findFirstOrThrow({ where: { runId, status: "queued" } });
  // A worker taken for dead (its job delivered again) and the one that claimed the step after it.
  expect((await claimStep(harness.services, step.id))?.attempt).toBe(1);
  expect((await claimStep(harness.services, step.id))?.attempt).toBe(2);
  await completeStep(harness.services, step.id, { ok: true, result: { from: 1 } }, { attempt: 1 });
  await completeStep(harness.services, step.id, { ok: false, error: "late" }, { attempt: 1 });
  const stale = await db.step.findUniqueOrThrow({ where: { id: step.id } });
  expect(stale).toMatchObject({ status: "running", attempts: 2, result: null });
  await completeStep(harness.services, step.id, { ok: true, result: { from: 2 } }, { attempt: 2 });
  const done = await db.step.findUniqueOrThrow({ where: { id: step.id }, include: { history: true } });
  expect(done).toMatchObject({ status: "succeeded", result: { from: 2 } });
  expect(done.history.map((attempt) => [attempt.number, attempt.status]).sort()).toEqual([
    [1, "cancelled"],
    [2, "succeeded"],
  ]);
  await db.run.update({ where: { id: runId }, data: { status: "cancelled" } });
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

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testServices } from "../config/test-env";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { createQueueKit, type QueueKit } from "./backend";
import { stepJobId } from "./catalog";
import { StepDispatcher } from "./dispatcher";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("dispatcher");
});
afterAll(async () => {
  await database?.drop();
});

const job = (stepId: string, queue: string, rank?: number) => ({
  stepId,
  runId: "run_1",
  queue,
  dispatch: 1,
  rank,
});

describe.each(["redis", "postgres"] as const)("the dispatcher on %s", (backend) => {
  let kit: QueueKit;
  let dispatcher: StepDispatcher;
  beforeAll(async () => {
    kit = await createQueueKit({
      redisUrl: backend === "redis" ? testServices.redisUrl : undefined,
      databaseUrl: database.url,
      prefix: `dispatch${randomBytes(4).toString("hex")}`,
    });
    dispatcher = new StepDispatcher(kit);
  });
  afterAll(async () => {
    await dispatcher?.close();
    await kit?.close();
  });

  it("adds the jobs enqueued in one turn in one call per queue, and each caller's promise waits for its jobs", async () => {
    const implement = dispatcher.queue("steps-implement");
    const verify = dispatcher.queue("steps-verify");
    const implementBulk = vi.spyOn(implement, "addBulk");
    const verifyBulk = vi.spyOn(verify, "addBulk");
    // Three callers in one turn, as the hand-overs of one group commit are.
    await Promise.all([
      dispatcher.enqueue([job("st_a", "steps-implement", 2)]),
      dispatcher.enqueue([job("st_b", "steps-implement", 1), job("st_c", "steps-verify")]),
      dispatcher.enqueue([]),
    ]);
    expect(implementBulk).toHaveBeenCalledTimes(1);
    expect(implementBulk.mock.calls[0]?.[0].map((bulk) => bulk.opts?.jobId)).toEqual([
      stepJobId("st_a", 1),
      stepJobId("st_b", 1),
    ]);
    expect(verifyBulk).toHaveBeenCalledTimes(1);
    expect(await dispatcher.hasJob("steps-implement", "st_a", 1)).toBe(true);
    expect(await dispatcher.hasJob("steps-verify", "st_c", 1)).toBe(true);
    // Rank is the job's priority: st_b (1) is taken before st_a (2).
    const waiting = await implement.getJobs(["prioritized", "waiting"]);
    expect(Object.fromEntries(waiting.map((queued) => [queued.id, queued.opts.priority]))).toEqual({
      [stepJobId("st_a", 1)]: 2,
      [stepJobId("st_b", 1)]: 1,
    });

    // A later turn gets a batch of its own; a job enqueued again under its id is not added twice.
    await dispatcher.enqueue([job("st_a", "steps-implement", 2), job("st_d", "steps-implement", 3)]);
    expect(implementBulk).toHaveBeenCalledTimes(2);
    expect(await implement.getJobCountByTypes("prioritized", "waiting")).toBe(3);
  });
});

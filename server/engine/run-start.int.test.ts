import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNoopAgent } from "../agents/demo";
import { testServices } from "../config/test-env";
import { demoProjectId } from "../projects/projects";
import { storeSpec } from "../projects/specs";
import { stepJobId } from "../queue/catalog";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { startRun } from "./run-start";
import type { DispatchJob } from "./types";

let database: TestDatabase;
let harness: EngineHarness;
/** Workers started by the test, so the first jobs can be read on their queues. */
let ranked: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("runstart");
  harness = await startEngineHarness({ databaseUrl: database.url, redisUrl: testServices.redisUrl });
  ranked = await startEngineHarness({
    databaseUrl: database.url,
    redisUrl: testServices.redisUrl,
    workers: false,
    agent: createNoopAgent({ durationMs: { min: 0, max: 0 } }),
  });
});

afterAll(async () => {
  await harness?.close();
  await ranked?.close();
  await database?.drop();
});

/** Three parallel tasks; the prose suggests T002 after T001 (a suggestion until accepted). */
const tasks = `# Tasks: Ledger

## Phase 1: Setup
- [ ] T001 [P] Create the ledger schema in src/ledger/schema.ts
- [ ] T002 [P] Create the ledger service in src/ledger/service.ts
- [ ] T003 [P] Write the ledger report in src/ledger/report.ts

## Dependencies
- T002 depends on T001
`;

describe("starting a run", () => {
  it("keeps the suggested dependencies accepted at upload when a batch size plans the spec again", async () => {
    const stored = await storeSpec(harness.services.db, {
      projectId: demoProjectId,
      name: "tasks.md",
      files: [{ name: "tasks.md", content: tasks }],
      acceptedDependencies: [{ item: "T002", dependsOn: "T001" }],
    });
    const { runId } = await startRun(harness.services, {
      specId: stored.id,
      settings: { mode: "waves", approval: "required", batchSize: 1 },
    });
    const stories = await harness.services.db.story.findMany({
      where: { runId },
      select: { key: true, dependsOn: true, wave: { select: { index: true } } },
      orderBy: { key: "asc" },
    });
    expect(stories.find((story) => story.key === "T002")?.dependsOn).toEqual(["T001"]);
    const waveOf = new Map(stories.map((story) => [story.key, story.wave.index]));
    // Batches of one: every item in its own wave, T002 after T001.
    expect(new Set(waveOf.values()).size).toBe(3);
    expect(waveOf.get("T002")).toBeGreaterThan(waveOf.get("T001") ?? Number.POSITIVE_INFINITY);
  });
});

/** A chain of three and an item on its own: T001 → T002 → T003, and T004. */
const chain = `# Tasks: Chain

## Phase 1: Work
- [ ] T001 Create the schema in src/chain/schema.ts
- [ ] T002 Create the service in src/chain/service.ts
- [ ] T003 Create the report in src/chain/report.ts
- [ ] T004 [P] Write the notes in src/notes/notes.ts

## Dependencies
- T002 depends on T001
- T003 depends on T002
`;

describe("queue order", () => {
  it("queues every step of an item by the longest chain of steps still hanging on it", async () => {
    const sent: DispatchJob[] = [];
    const enqueue = ranked.services.enqueue;
    ranked.services.enqueue = async (jobs) => {
      sent.push(...jobs);
      await enqueue(jobs);
    };
    const stored = await storeSpec(ranked.services.db, {
      projectId: demoProjectId,
      name: "tasks.md",
      files: [{ name: "tasks.md", content: chain }],
      acceptedDependencies: [
        { item: "T002", dependsOn: "T001" },
        { item: "T003", dependsOn: "T002" },
      ],
    });
    const { runId } = await startRun(ranked.services, {
      specId: stored.id,
      settings: { mode: "eager", approval: "automatic" },
    });
    const stories = await ranked.services.db.story.findMany({
      where: { runId },
      select: { key: true, dependsOn: true, steps: { select: { id: true, rank: true } } },
    });
    const rankOf = new Map(stories.map((story) => [story.key, story.steps.map((step) => step.rank)]));
    // Three steps each (test-author, implement, verify): T001 heads 9 steps, T002 6, T003 and T004 3.
    expect(Object.fromEntries(rankOf)).toEqual({
      T001: [1, 1, 1],
      T002: [4, 4, 4],
      T003: [7, 7, 7],
      T004: [7, 7, 7],
    });

    // The first steps wait on their queue with their rank as BullMQ's priority.
    const first = sent.filter((job) => job.runId === runId);
    expect(first.map((job) => job.rank).sort()).toEqual([1, 7]);
    for (const job of first) {
      const queued = await ranked.services.dispatcher
        .queue(job.queue)
        .getJob(stepJobId(job.stepId, job.dispatch));
      expect(queued?.opts.priority).toBe(job.rank);
    }

    // Every later job (a story's next step, an unlocked dependent) carries its story's rank too.
    await ranked.startWorkers();
    const run = await waitFor(
      () => ranked.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
      (current) => ["succeeded", "failed"].includes(current.status),
    );
    expect(run.status).toBe("succeeded");
    const storyOfStep = new Map(stories.flatMap((story) => story.steps.map((step) => [step.id, story.key])));
    const jobs = sent.filter((job) => job.runId === runId && storyOfStep.has(job.stepId));
    expect(jobs).toHaveLength(12);
    for (const job of jobs) expect(job.rank).toBe(rankOf.get(storyOfStep.get(job.stepId) ?? "")?.[0]);
  });
});

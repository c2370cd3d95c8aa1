import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { demoProjectId } from "../projects/projects";
import { storeSpec } from "../projects/specs";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness } from "../testing/engine-harness";
import { startRun } from "./run-start";

let database: TestDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("runstart");
  harness = await startEngineHarness({ databaseUrl: database.url, redisUrl: testServices.redisUrl });
});

afterAll(async () => {
  await harness?.close();
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

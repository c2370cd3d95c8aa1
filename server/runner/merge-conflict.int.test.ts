import { afterAll, beforeAll, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { startRun } from "../engine/run-start";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";

/**
 * Two items that write the same file in parallel worktrees: the first to be verified merges into
 * the run branch, the second conflicts and fails with the conflicting file named and a way out.
 */
let database: TestDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("conflict");
  harness = await startEngineHarness({
    databaseUrl: database.url,
    redisUrl: testServices.redisUrl,
    demoAgentMs: "5-20",
  });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

it("fails the second item with the conflicting file listed", async () => {
  const spec = {
    name: "EXEC-SPEC-CONFLICT.md",
    content: [
      "---",
      "spec: EXEC-SPEC-CONFLICT",
      "workstreams:",
      "  LEFT:",
      "    name: Left side",
      "    agent: backend-developer",
      "    depends_on: []",
      "    outputs: [src/shared.ts]",
      "  RIGHT:",
      "    name: Right side",
      "    agent: backend-developer",
      "    depends_on: []",
      "    outputs: [src/shared.ts]",
      "---",
      "",
    ].join("\n"),
  };
  const specId = await harness.storeSpec([spec]);
  // Eager opens every wave at once, so both worktrees start from the same run branch.
  const { runId } = await startRun(harness.services, {
    specId,
    settings: { mode: "eager", approval: "automatic", strict: false, tdd: false, maxAttempts: 1 },
  });
  await waitFor(
    () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
    (run) => run.status === "failed" || run.status === "succeeded",
    60_000,
  );
  const stories = await harness.services.db.story.findMany({
    where: { runId },
    orderBy: { finishedAt: "asc" },
  });
  expect(stories.map((story) => story.status).sort()).toEqual(["failed", "succeeded"]);
  const failed = stories.find((story) => story.status === "failed");
  expect(failed?.error).toMatch(
    /^Merging (LEFT|RIGHT) into specwave\/run-run_\w+ conflicts in src\/shared\.ts: resolve them/,
  );
  const verify = await harness.services.db.step.findFirstOrThrow({
    where: { storyId: failed?.id, kind: "verify" },
  });
  expect((verify.result as { conflict: string[] }).conflict).toEqual(["src/shared.ts"]);
});

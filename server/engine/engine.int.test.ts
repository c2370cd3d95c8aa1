import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { processStep } from "../runner/process-step";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { decideWave } from "./approvals";
import { threeWaveSpec } from "./fixtures";
import { startRun } from "./run-start";

let database: TestDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("engine");
  harness = await startEngineHarness({
    databaseUrl: database.url,
    redisUrl: testServices.redisUrl,
    failItems: ["FAIL1"],
  });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

const runStatus = (runId: string) =>
  harness.services.db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, currentWave: true },
  });

describe("engine on PostgreSQL and Redis", () => {
  it("stops after each wave for approval, makes one transition for 50 concurrent Continues, and succeeds", async () => {
    const specId = await harness.storeSpec([threeWaveSpec]);
    const { runId } = await startRun(harness.services, { specId });

    await waitFor(
      () => runStatus(runId),
      (run) => run.status === "awaiting_approval",
    );
    const stories = await harness.services.db.story.findMany({ where: { runId }, orderBy: { key: "asc" } });
    expect(stories.map((story) => [story.key, story.status])).toEqual([
      ["WS1", "succeeded"],
      ["WS2", "pending"],
      ["WS3", "pending"],
      ["WS4", "pending"],
    ]);

    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        decideWave(harness.services, {
          runId,
          waveIndex: 0,
          decision: "continue",
          decidedBy: "pm@example.com",
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "applied")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(49);
    expect(await harness.services.db.approval.count({ where: { runId } })).toBe(1);

    await waitFor(
      () => runStatus(runId),
      (run) => run.status === "awaiting_approval" && run.currentWave === 1,
    );
    await decideWave(harness.services, {
      runId,
      waveIndex: 1,
      decision: "continue",
      decidedBy: "pm@example.com",
    });
    await waitFor(
      () => runStatus(runId),
      (run) => run.status === "succeeded",
    );

    const steps = await harness.services.db.step.findMany({ where: { runId }, orderBy: { position: "asc" } });
    expect(steps.every((step) => step.status === "succeeded" && step.attempts === 1)).toBe(true);
    // TDD by default: the tester, the implementer, then verification on evidence.
    expect(steps.filter((step) => step.kind === "test_author")).toHaveLength(4);
    const verified = steps.filter((step) => step.kind === "verify");
    const commits = verified.map((step) => (step.result as { commit?: string }).commit);
    expect(new Set(commits).size).toBe(4);
    // Each commit is scoped by the spec's own id, read from its plan's title.
    const { project } = await harness.services.db.run.findUniqueOrThrow({
      where: { id: runId },
      select: { project: { select: { workspacePath: true } } },
    });
    const subject = execFileSync("git", [
      "-C",
      project.workspacePath,
      "show",
      "-s",
      "--format=%s",
      commits[0] ?? "",
    ]);
    expect(subject.toString()).toMatch(/^feat\(EXEC-SPEC-T\): task WS\d /);
    for (const step of verified) {
      const evidence = (
        step.result as { evidence: { tests: object; coverage: { lines: number; changedLines: number } } }
      ).evidence;
      expect(evidence.tests).toMatchObject({ passed: 2, failed: 0 });
      // The demo's source is fully exercised by its tests, changed lines included.
      expect(evidence.coverage).toMatchObject({ lines: 100, changedLines: 100 });
    }

    // Every wave passed the clean-worktree check of the run branch; the demo's tests gate the end.
    const gates = await harness.services.db.gateResult.findMany({ where: { runId } });
    expect(gates.filter((gate) => gate.name === "clean-worktree" && gate.status === "passed")).toHaveLength(
      3,
    );
    expect(gates.find((gate) => gate.scope === "dod")).toMatchObject({ name: "test-pass", status: "passed" });

    // Every story started only after all its dependencies had succeeded (from the event log).
    const events = await harness.services.db.event.findMany({ where: { runId }, orderBy: { id: "asc" } });
    const order = (key: string, status: string) =>
      events.findIndex((event) => {
        const payload = event.payload as { key?: string; status?: string };
        return event.type === "story:updated" && payload.key === key && payload.status === status;
      });
    for (const [story, deps] of Object.entries({ WS2: ["WS1"], WS3: ["WS1"], WS4: ["WS2", "WS3"] })) {
      for (const dep of deps) {
        expect(order(dep, "succeeded")).toBeGreaterThan(-1);
        expect(order(story, "running")).toBeGreaterThan(order(dep, "succeeded"));
      }
    }
  });

  it("keeps a Continue that arrives before the prompt and applies it when the wave closes", async () => {
    const specId = await harness.storeSpec([threeWaveSpec]);
    const { runId } = await startRun(harness.services, { specId });
    const early = await decideWave(harness.services, {
      runId,
      waveIndex: 0,
      decision: "continue",
      decidedBy: "pm",
    });
    expect(early).toBe("recorded");
    await waitFor(
      () => runStatus(runId),
      (run) => run.currentWave === 1 && run.status === "awaiting_approval",
    );
    const waves = await harness.services.db.wave.findMany({ where: { runId }, orderBy: { index: "asc" } });
    expect(waves.map((wave) => wave.status)).toEqual(["passed", "awaiting_approval", "pending"]);
  });

  it("pauses at an approval and resumes with Continue", async () => {
    const specId = await harness.storeSpec([threeWaveSpec]);
    const { runId } = await startRun(harness.services, { specId, settings: { approval: "required" } });
    await waitFor(
      () => runStatus(runId),
      (run) => run.status === "awaiting_approval",
    );
    expect(
      await decideWave(harness.services, { runId, waveIndex: 0, decision: "pause", decidedBy: "pm" }),
    ).toBe("applied");
    expect((await runStatus(runId)).status).toBe("paused");
    expect(
      await decideWave(harness.services, { runId, waveIndex: 0, decision: "continue", decidedBy: "pm" }),
    ).toBe("applied");
    await waitFor(
      () => runStatus(runId),
      (run) => run.currentWave === 1,
    );
  });

  it("runs unattended with automatic approval, and a job delivered twice changes nothing", async () => {
    const specId = await harness.storeSpec([threeWaveSpec]);
    const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
    await waitFor(
      () => runStatus(runId),
      (run) => run.status === "succeeded",
    );
    const before = await harness.services.db.step.findMany({ where: { runId }, orderBy: { id: "asc" } });
    const eventsBefore = await harness.services.db.event.count({ where: { runId } });

    const agentFor = () => {
      throw new Error("the agent must not run again");
    };
    for (const step of before) {
      await processStep({ ...harness.services, agentFor }, step.id, new AbortController().signal);
    }
    const after = await harness.services.db.step.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
    expect(await harness.services.db.event.count({ where: { runId } })).toBe(eventsBefore);
  });

  it("fails the run with the item's error when an agent fails, keeping completed work", async () => {
    const spec = {
      name: "EXEC-SPEC-F.md",
      content: `---
spec: EXEC-SPEC-F
workstreams:
  OK1:
    name: Works
    agent: backend-developer
    depends_on: []
  FAIL1:
    name: Breaks
    agent: backend-developer
    depends_on: [OK1]
execution_phases:
  - parallel: [OK1]
  - parallel: [FAIL1]
---
`,
    };
    const specId = await harness.storeSpec([spec]);
    const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
    await waitFor(
      () => runStatus(runId),
      (run) => run.status === "failed",
    );
    const stories = await harness.services.db.story.findMany({ where: { runId }, orderBy: { key: "asc" } });
    expect(stories.map((story) => [story.key, story.status])).toEqual([
      ["FAIL1", "failed"],
      ["OK1", "succeeded"],
    ]);
    expect(stories[0]?.error).toMatch(/exited with 1/);
    const run = await harness.services.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.error).toMatch(/^FAIL1: /);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import type { SpecFile } from "../specs";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { decideWave } from "./approvals";
import { generatedSpec } from "./fixtures";
import { startRun } from "./run-start";
import type { RunSettingsInput } from "./types";

let database: TestDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("modes");
  harness = await startEngineHarness({
    databaseUrl: database.url,
    redisUrl: testServices.redisUrl,
    demoAgentMs: "5-30",
  });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

/** Runs the spec without approvals or testers and waits until it succeeded (or says why not). */
async function runToEnd(spec: SpecFile, settings: RunSettingsInput, timeoutMs: number) {
  const specId = await harness.storeSpec([spec]);
  const { runId } = await startRun(harness.services, {
    specId,
    settings: { approval: "automatic", tdd: false, ...settings },
  });
  const run = await waitFor(
    () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
    (current) => current.status === "succeeded" || current.status === "failed",
    timeoutMs,
  );
  expect(run.error).toBeNull();
  expect(run.status).toBe("succeeded");
  return { runId, run };
}

/** When each story started running and finished, in event-log order (ids commit in order per run). */
async function storyTimeline(runId: string) {
  const events = await harness.services.db.event.findMany({
    where: { runId, type: "story:updated" },
    orderBy: { id: "asc" },
  });
  const started = new Map<string, number>();
  const finished = new Map<string, number>();
  events.forEach((event, position) => {
    const payload = event.payload as { key: string; status: string };
    if (payload.status === "running" && !started.has(payload.key)) started.set(payload.key, position);
    if (payload.status === "succeeded") finished.set(payload.key, position);
  });
  return { started, finished };
}

describe.each(["waves", "eager", "sequential"] as const)("a 30-item spec in %s mode", (mode) => {
  it("completes, and no item starts before its dependencies are done", async () => {
    const spec = generatedSpec(3, 10, `EXEC-SPEC-${mode.toUpperCase()}`);
    // Thirty items, each tested and merged in its own worktree, on two shared cores.
    const { runId } = await runToEnd(spec, { mode }, 900_000);

    const stories = await harness.services.db.story.findMany({ where: { runId } });
    expect(stories).toHaveLength(30);
    expect(stories.every((story) => story.status === "succeeded")).toBe(true);
    const { started, finished } = await storyTimeline(runId);
    for (const story of stories) {
      for (const dep of story.dependsOn) {
        expect(started.get(story.key)).toBeGreaterThan(finished.get(dep) ?? Number.POSITIVE_INFINITY);
      }
    }
    if (mode === "sequential") {
      // One at a time: every start comes after the previous item finished.
      const order = [...started.entries()].sort((a, b) => a[1] - b[1]);
      for (let index = 1; index < order.length; index++) {
        const previous = order[index - 1]?.[0] ?? "";
        expect(order[index]?.[1]).toBeGreaterThan(finished.get(previous) ?? Number.POSITIVE_INFINITY);
      }
    }
    if (mode === "eager") {
      // Eager opens every wave at once: some item of wave 2 starts before wave 1 is all done.
      const lastOfWave1 = Math.max(
        ...stories.filter((s) => s.key.startsWith("W1")).map((s) => finished.get(s.key) ?? 0),
      );
      const firstOfWave2 = Math.min(
        ...stories.filter((s) => s.key.startsWith("W2")).map((s) => started.get(s.key) ?? 0),
      );
      expect(firstOfWave2).toBeLessThan(lastOfWave1);
    }
  }, 960_000);
});

describe("a run's concurrency setting", () => {
  it("keeps at most that many of the run's items in flight, and the run completes", async () => {
    const spec = generatedSpec(2, 6, "EXEC-SPEC-LIMITED");
    const { runId, run } = await runToEnd(spec, { mode: "eager", concurrency: 3 }, 600_000);
    expect(run.settings).toMatchObject({ concurrency: 3 });

    // Replays the event log: an item is in flight from its "queued" to its final state.
    const events = await harness.services.db.event.findMany({
      where: { runId, type: "story:updated" },
      orderBy: { id: "asc" },
    });
    const inFlight = new Set<string>();
    let most = 0;
    for (const event of events) {
      const { key, status } = event.payload as { key: string; status: string };
      if (status === "queued" || status === "running") inFlight.add(key);
      else inFlight.delete(key);
      most = Math.max(most, inFlight.size);
    }
    // Six independent items are ready at the start: the limit, not the plan, holds them to three.
    expect(most).toBe(3);
  }, 660_000);
});

describe("one phase at a time (stopAfterWave, the CLI's --phase)", () => {
  it("pauses after the asked wave even with automatic approval, and a Continue runs the rest", async () => {
    const specId = await harness.storeSpec([generatedSpec(3, 2, "EXEC-SPEC-PHASE")]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", tdd: false, stopAfterWave: 0 },
    });
    const paused = await waitFor(
      () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
      (current) => current.status !== "pending" && current.status !== "running",
      300_000,
    );
    expect(paused.status).toBe("paused");
    const waves = await harness.services.db.wave.findMany({ where: { runId }, orderBy: { index: "asc" } });
    expect(waves.map((wave) => wave.status)).toEqual(["awaiting_approval", "pending", "pending"]);

    await decideWave(harness.services, { runId, waveIndex: 0, decision: "continue", decidedBy: "pm" });
    const finished = await waitFor(
      () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
      (current) => current.status === "succeeded" || current.status === "failed",
      300_000,
    );
    expect(finished.status).toBe("succeeded");
  }, 600_000);
});

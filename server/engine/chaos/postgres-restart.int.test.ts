import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../db/embedded";
import { type ChaosStack, startChaosStack } from "../../testing/chaos/chaos-stack";
import type { SpecwaveProcess } from "../../testing/chaos/child-processes";
import { generatedExecSpec } from "../../testing/chaos/generated-spec";
import { commitsPerStory, summariseRun, waitForRunToEnd } from "../../testing/chaos/run-checks";
import { connectRunSocket, type RunSocket, waitForRunView } from "../../testing/chaos/run-socket";
import { waitFor } from "../../testing/engine-harness";

/**
 * PostgreSQL stops in the middle of a run and comes back 2 s later on the same port. Steps that
 * were claiming or completing at that moment fail against the database; the worker must live
 * through it and the reconciler must put those steps back, and the web process must answer and
 * push events again.
 */
let stack: ChaosStack;
let socket: RunSocket | undefined;

beforeAll(async () => {
  stack = await startChaosStack({
    agentMs: "200-600",
    jobLockSeconds: 2,
    reconcileSeconds: 0.5,
  });
});

afterAll(async () => {
  socket?.close();
  await stack?.close();
});

describe("PostgreSQL restarted in the middle of a run", () => {
  it("keeps workers and web alive, and the run completes", async () => {
    const db = stack.services.db;
    const port = await freePort();
    let worker: SpecwaveProcess;
    const [firstWorker, web] = await Promise.all([stack.startWorker(), stack.startWeb(port)]);
    worker = firstWorker;
    const runId = await stack.startRun(generatedExecSpec({ items: 30, phases: 3 }), {
      approval: "automatic",
    });
    const live = connectRunSocket(web.url, runId, stack.token);
    socket = live;

    await waitFor(
      () =>
        Promise.all([
          db.run.findUniqueOrThrow({ where: { id: runId }, select: { currentWave: true } }),
          db.step.count({ where: { runId, status: "running" } }),
        ]),
      ([run, running]) => run.currentWave === 1 && running > 0,
      60_000,
    );
    const eventsBefore = live.events.length;
    await stack.postgres.restart(2000);

    // The web process answers again with the run's state from the restarted database.
    const view = await waitForRunView(web.url, runId, 30_000, stack.token);
    expect(view.body.id).toBe(runId);

    const workerSurvived = await Promise.race([
      worker.exited.then(() => false),
      waitForRunToEnd(db, runId, 200_000).then(() => true),
    ]);
    expect
      .soft(workerSurvived, `the worker process died during the outage:\n${worker.output().slice(-3000)}`)
      .toBe(true);
    if (workerSurvived) {
      // It really met the outage: its reconciler's passes failed while the database was away.
      expect(worker.output()).toMatch(/reconciler pass failed/);
    } else {
      // Reported as a bug above; a fresh worker shows whether the run itself still completes.
      worker = await stack.startWorker();
      await waitForRunToEnd(db, runId, 200_000);
    }

    const summary = await summariseRun(db, runId);
    expect(summary.status).toBe("succeeded");
    expect(summary.stories.filter((story) => story.status !== "succeeded")).toEqual([]);
    expect(summary.stories).toHaveLength(30);
    expect(summary.storiesWithoutExactlyOneSuccess).toEqual([]);
    expect(summary.implementStepsWithoutOneSucceededAttempt).toEqual([]);
    expect(summary.unfinishedSteps).toEqual([]);
    expect(summary.startsBeforeDependencies).toEqual([]);
    const commits = await commitsPerStory(stack.dataDir, runId);
    expect(summary.stories.filter((story) => commits.get(story.key) !== 1).map((story) => story.key)).toEqual(
      [],
    );

    // The web process reconnected its LISTEN, told pages to resync, and pushed the run's end.
    expect(web.isRunning()).toBe(true);
    await waitFor(
      async () => live.events.slice(eventsBefore),
      (events) =>
        events.some((event) => event.type === "run:updated" && event.payload.status === "succeeded"),
      30_000,
    );
    expect(live.resyncs).toBeGreaterThan(0);
    const finalView = await waitForRunView(web.url, runId, 30_000, stack.token);
    expect(finalView.body.status).toBe("succeeded");
    expect((finalView.body.stories ?? []).filter((story) => story.status !== "succeeded")).toEqual([]);
  }, 300_000);
});

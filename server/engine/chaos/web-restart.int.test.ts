import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../db/embedded";
import { type ChaosStack, startChaosStack } from "../../testing/chaos/chaos-stack";
import { generatedExecSpec } from "../../testing/chaos/generated-spec";
import { summariseRun, waitForRunToEnd } from "../../testing/chaos/run-checks";
import { connectRunSocket, type RunSocket, waitForRunView } from "../../testing/chaos/run-socket";
import { waitFor } from "../../testing/engine-harness";

/**
 * The web process is killed and started again on the same port while a run goes on. The run
 * lives in PostgreSQL and the workers, so it must not notice; the page's socket reconnects,
 * subscribes again and gets the events that follow, and the REST view shows the right state.
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

const lastEventId = (events: { id: string }[]) => BigInt(events.at(-1)?.id ?? "0");

describe("web process restarted during a run", () => {
  it("leaves the run unaffected; the REST view and a reconnected socket show the right state", async () => {
    const db = stack.services.db;
    const port = await freePort();
    const [worker, firstWeb] = await Promise.all([stack.startWorker(), stack.startWeb(port)]);
    const runId = await stack.startRun(generatedExecSpec({ items: 30, phases: 3 }), {
      approval: "automatic",
    });

    const live = connectRunSocket(firstWeb.url, runId, stack.token);
    socket = live;
    await waitFor(
      async () => live.events.length,
      (count) => count > 0,
      30_000,
    );

    await firstWeb.kill9();
    const beforeRestart = lastEventId(live.events);
    const web = await stack.startWeb(port);
    expect(web.url).toBe(firstWeb.url);

    // Right after the restart, mid-run: the view answers and agrees with PostgreSQL.
    const midRun = await waitForRunView(web.url, runId, 30_000, stack.token);
    expect(midRun.body.id).toBe(runId);
    expect(midRun.body.stories).toHaveLength(30);
    // Still going, so the events that follow can only reach the page through the new process.
    expect(midRun.body.status).toBe("running");

    // The socket came back by itself, subscribed again, and events flow after the restart.
    await waitFor(
      async () => live.subscriptions,
      (count) => count >= 2,
      30_000,
    );
    await waitForRunToEnd(db, runId, 200_000);
    const afterRestart = await waitFor(
      async () => live.events.filter((event) => BigInt(event.id) > beforeRestart),
      (events) =>
        events.some((event) => event.type === "run:updated" && event.payload.status === "succeeded"),
      30_000,
    );
    expect(afterRestart.length).toBeGreaterThan(0);

    const summary = await summariseRun(db, runId);
    expect(summary.status).toBe("succeeded");
    expect(summary.stories.filter((story) => story.status !== "succeeded")).toEqual([]);
    expect(summary.unfinishedSteps).toEqual([]);
    // Unaffected: no step was started twice because of the web process.
    expect([...summary.attempts.values()].filter((attempts) => attempts !== 1)).toEqual([]);

    const finalView = await waitForRunView(web.url, runId, 30_000, stack.token);
    const lastInDatabase = await db.event.findFirst({ where: { runId }, orderBy: { id: "desc" } });
    expect(finalView.body.status).toBe("succeeded");
    expect(finalView.body.lastEventId).toBe(lastInDatabase?.id.toString());
    expect((finalView.body.stories ?? []).filter((story) => story.status !== "succeeded")).toEqual([]);
    expect(worker.isRunning()).toBe(true);
  }, 300_000);
});

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessChange } from "../auth/access-changes";
import { announceAccessChange } from "../auth/access-changes";
import { createDb, type Db } from "../db/client";
import { appendEvents, type RunEvent } from "../engine/events";
import { threeWaveSpec } from "../engine/fixtures";
import { startRun } from "../engine/run-start";
import { inTransaction } from "../engine/sql";
import { demoProjectId, ensureDemoProject } from "../projects/projects";
import { storeSpec } from "../projects/specs";
import { createLogger } from "../runtime/logger";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EventListener, listenForRunEvents } from "./event-listener";

/**
 * The web process's listener on a real PostgreSQL: notices that arrive together are read in one
 * query and handed on in the order they were announced, and an access change splits them, so
 * what was announced after it is handed on after it was applied.
 */
let database: TestDatabase;
let db: Db;
let dataDir: string;
let runId: string;

beforeAll(async () => {
  database = await createTestDatabase("listener");
  db = createDb(database.url);
  dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-listener-"));
  await ensureDemoProject(db, dataDir);
  const spec = await storeSpec(db, { projectId: demoProjectId, files: [threeWaveSpec] });
  ({ runId } = await startRun({ db, enqueue: async () => undefined }, { specId: spec.id }));
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

type Heard = { events: string[] } | { access: string };

async function withListener(fn: (heard: Heard[], settled: () => Promise<void>) => Promise<void>) {
  const heard: Heard[] = [];
  let listener: EventListener | undefined;
  const ready = new Promise<void>((resolve) => {
    listener = listenForRunEvents(database.url, db, createLogger("test", "silent"), {
      onEvents: (events: RunEvent[]) => heard.push({ events: events.map((e) => e.payload.n as string) }),
      onResync: () => heard.push({ access: "resync" }),
      onAccessChange: async (change: AccessChange) => {
        // Slower than reading events: anything announced after it must still wait for it.
        await new Promise((resolve) => setTimeout(resolve, 50));
        heard.push({ access: change.userId });
      },
    });
    setTimeout(resolve, 500);
  });
  await ready;
  try {
    await fn(heard, async () => {
      for (let i = 0; i < 100 && !heard.some((h) => "events" in h && h.events.includes("last")); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
    });
  } finally {
    await listener?.close();
  }
}

describe("the run event listener", () => {
  it("reads notices that arrive together in one batch, in the order they were announced", async () => {
    await withListener(async (heard, settled) => {
      // One transaction: its 40 notices are delivered together when it commits.
      await inTransaction(db, async (sql) => {
        for (let i = 0; i < 39; i++)
          await appendEvents(sql, runId, [
            { type: "step:output", payload: { n: `${i}a` } },
            { type: "step:output", payload: { n: `${i}b` } },
          ]);
        await appendEvents(sql, runId, [{ type: "step:output", payload: { n: "last" } }]);
      });
      await settled();
      const expected = [...Array.from({ length: 39 }, (_, i) => [`${i}a`, `${i}b`]).flat(), "last"];
      expect(heard).toEqual([{ events: expected }]);
    });
  });

  it("hands on what was announced after an access change only after that change was applied", async () => {
    await withListener(async (heard, settled) => {
      await inTransaction(db, async (sql) => {
        await appendEvents(sql, runId, [{ type: "step:output", payload: { n: "before" } }]);
      });
      await announceAccessChange(db, { userId: "usr_removed" });
      await inTransaction(db, async (sql) => {
        await appendEvents(sql, runId, [{ type: "step:output", payload: { n: "after" } }]);
        await appendEvents(sql, runId, [{ type: "step:output", payload: { n: "last" } }]);
      });
      await settled();
      expect(heard).toEqual([
        { events: ["before"] },
        { access: "usr_removed" },
        { events: ["after", "last"] },
      ]);
    });
  });
});

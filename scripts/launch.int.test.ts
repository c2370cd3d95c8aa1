import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type IntServer, startIntServer } from "../server/cli/int-server";

/**
 * `npm start` on a fresh machine (the embedded database, its queues), stopped with Ctrl-C as a
 * terminal sends it: SIGINT to the whole foreground process group. The web and the worker stop
 * once each, gracefully, and the database stops after them.
 */
let server: IntServer;

beforeAll(async () => {
  server = await startIntServer({ embedded: true, entry: "scripts/launch.ts" });
}, 900_000);

afterAll(async () => {
  await server?.stop();
});

it("stops the web and the worker once each, then the embedded database, on Ctrl-C", async () => {
  const dataDir = /data in (\S+)\/pg\)/.exec(server.log())?.[1];
  expect(dataDir, server.log()).toBeDefined();
  const postmasterPid = path.join(dataDir as string, "pg", "postmaster.pid");
  expect(existsSync(postmasterPid)).toBe(true);

  const code = await server.interrupt();
  const log = server.log();
  expect(code, log).toBe(0);
  expect(log.match(/Stopping Specwave \.\.\./g) ?? [], log).toHaveLength(1);
  expect(log).toContain("Specwave stopped.");
  // One signal each, from the supervisor: none took a second one as "exit now".
  const shutdowns = [...log.matchAll(/"process":"(\w+)"[^\n]*"signal":"(\w+)","msg":"shutting down"/g)];
  expect(shutdowns.map(([, name, signal]) => `${name} ${signal}`).sort(), log).toEqual([
    "web SIGTERM",
    "worker SIGTERM",
  ]);
  expect(log).not.toContain("second signal");
  // The database was still there while they stopped: nothing lost its connection or failed.
  expect(log).not.toContain("terminating connection");
  expect(log).not.toMatch(/"level":(50|60)/);
  expect(log).not.toContain("Unhandled");
  expect(existsSync(postmasterPid)).toBe(false);
}, 120_000);

import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IntServer, startIntServer } from "../cli/int-server";
import { createPeople, type People } from "../testing/people";
import type { ApprovalEventName, ApprovalNotice, ProjectPush } from "./protocol";

/**
 * Approval pushes to project rooms, against a real Specwave (web, worker, PostgreSQL, Redis, the
 * demo agent) with real socket.io clients: a viewer of the project hears a wave wait for approval,
 * the decision and the run's status changes, an administrator too, and someone outside the
 * project hears nothing.
 */
const twoWaves = `---
spec: PUSH-INT
workstreams:
  P1: { name: First, agent: backend-developer, depends_on: [], outputs: [src/p1.ts] }
  P2: { name: Second, agent: backend-developer, depends_on: [P1], outputs: [src/p2.ts] }
execution_phases:
  - name: One
    parallel: [P1]
  - name: Two
    parallel: [P2]
---
# Push

## P1 First

## P2 Second
`;

let server: IntServer;
let people: People;

async function api<T>(path: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Listener {
  socket: Socket;
  heard: ProjectPush[];
  next(name: ApprovalEventName): Promise<ApprovalNotice>;
}

/** A connected socket (by token or session cookie) recording every approval push it hears. */
async function listen(auth: { token?: string; cookie?: string }): Promise<Listener> {
  const socket = connect(server.url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    auth: auth.token ? { token: auth.token } : {},
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
  });
  const heard: Listener["heard"] = [];
  const waiting: { name: ApprovalEventName; resolve: (notice: ApprovalNotice) => void }[] = [];
  for (const name of ["approval:requested", "approval:decided"] as const) {
    socket.on(name, (notice: ApprovalNotice) => {
      heard.push({ name, notice });
      for (const waiter of waiting.filter((w) => w.name === name)) waiter.resolve(notice);
    });
  }
  socket.on("run:status", (notice) => heard.push({ name: "run:status", notice }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return {
    socket,
    heard,
    next: (name) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${name} push within 90 s`)), 90_000);
        waiting.push({
          name,
          resolve: (notice) => {
            clearTimeout(timer);
            resolve(notice);
          },
        });
      }),
  };
}

beforeAll(async () => {
  server = await startIntServer();
  people = await createPeople(server.url);
}, 900_000);

afterAll(async () => {
  await server?.stop();
}, 120_000);

describe("approval pushes to project rooms", () => {
  it("reach the project's viewer and an administrator, never an outsider", async () => {
    const viewer = await listen({ token: people.viewer.token });
    const viewerPage = await listen({ cookie: people.viewer.cookie });
    const admin = await listen({ token: people.admin.token });
    const outsider = await listen({ token: people.outsider.token });
    try {
      const requested = viewer.next("approval:requested");
      const spec = await api<{ id: string }>("/api/v1/specs", people.approver.token, {
        files: [{ name: "push.md", content: twoWaves }],
      });
      const { runId } = await api<{ runId: string }>("/api/v1/runs", people.approver.token, {
        specId: spec.id,
        settings: { approval: "required", mode: "waves" },
      });

      expect(await requested).toMatchObject({ version: 1, runId, projectId: "prj_demo", waveIndex: 0 });
      const decided = viewer.next("approval:decided");
      await api(`/api/v1/runs/${runId}/approvals`, people.approver.token, {
        waveIndex: 0,
        decision: "continue",
      });
      expect(await decided).toMatchObject({ runId, projectId: "prj_demo", waveIndex: 0 });

      // Pushes go out in commit order to every room at once; a moment for the last delivery.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const approvals = (listener: Listener) =>
        listener.heard.filter((entry) => entry.name !== "run:status").map((entry) => entry.name);
      const statuses = (listener: Listener) =>
        listener.heard.flatMap((entry) => (entry.name === "run:status" ? [entry.notice.status] : []));
      for (const listener of [viewer, viewerPage, admin]) {
        expect(approvals(listener)).toEqual(["approval:requested", "approval:decided"]);
        expect(statuses(listener)).toContain("awaiting_approval");
        expect(statuses(listener).at(-1)).not.toBe("awaiting_approval");
      }
      expect(outsider.heard).toEqual([]);
    } finally {
      for (const listener of [viewer, viewerPage, admin, outsider]) listener.socket.close();
    }
  }, 180_000);
});

import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IntServer, startIntServer } from "../cli/int-server";
import { createOwnToken, createPeople, type People, signIn } from "../testing/people";
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

/** Any method, as the person behind `auth` (a token, or a session cookie with its origin). */
async function call<T>(
  method: string,
  path: string,
  auth: { token?: string; cookie?: string },
  body?: unknown,
) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: server.url };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Asks to follow a run; the answer also proves every push sent to the socket before it arrived. */
function subscribe(socket: Socket, runId: string): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => socket.emit("run:subscribe", { runId }, resolve));
}

/** The approver uploads the two-wave spec and starts it, approvals required: wave 1 then waits. */
async function startTwoWaveRun(name: string): Promise<string> {
  const spec = await api<{ id: string }>("/api/v1/specs", people.approver.token, {
    files: [{ name, content: twoWaves }],
  });
  const { runId } = await api<{ runId: string }>("/api/v1/runs", people.approver.token, {
    specId: spec.id,
    settings: { approval: "required", mode: "waves" },
  });
  return runId;
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
      const runId = await startTwoWaveRun("push.md");

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

describe("live connections follow access changes at once", () => {
  it("a person added hears the project, removed hears nothing more, and a revoked token's socket is cut", async () => {
    const outsider = await listen({ token: people.outsider.token });
    const admin = await listen({ token: people.admin.token });
    const runEvents: unknown[] = [];
    outsider.socket.on("run:event", (event: unknown) => runEvents.push(event));
    const revocable = await createOwnToken(server.url, people.outsider.cookie, "revoked-while-connected");
    const cut = await listen({ token: revocable });
    try {
      // Added to the project while connected: the next approval in it reaches them, no reconnect.
      const { member } = await call<{ member: { userId: string } }>(
        "PUT",
        "/api/v1/projects/prj_demo/members",
        { token: people.admin.token },
        { email: people.outsider.email, role: "viewer" },
      );
      const requested = outsider.next("approval:requested");
      const runId = await startTwoWaveRun("access.md");
      expect(await requested).toMatchObject({ runId, waveIndex: 0 });
      expect(await subscribe(outsider.socket, runId)).toEqual({ ok: true });

      // Removed while the run waits for approval: nothing after the removal reaches them.
      await call("DELETE", `/api/v1/projects/prj_demo/members/${member.userId}`, {
        token: people.admin.token,
      });
      expect(await subscribe(outsider.socket, runId)).toEqual({ ok: false, error: "no such run" });
      const heard = outsider.heard.length;
      const events = runEvents.length;
      const decided = admin.next("approval:decided");
      await api(`/api/v1/runs/${runId}/approvals`, people.approver.token, {
        waveIndex: 0,
        decision: "continue",
      });
      await decided;
      // The decision's events went out to the run's room before this answer comes back.
      await subscribe(outsider.socket, runId);
      expect(outsider.heard.length).toBe(heard);
      expect(runEvents.length).toBe(events);
      expect(admin.heard.map((entry) => entry.name)).toContain("approval:decided");

      // A socket signed in with a token that is then revoked is disconnected by the server.
      const disconnected = new Promise<string>((resolve) => cut.socket.once("disconnect", resolve));
      const { tokens } = await call<{ tokens: { id: string; name: string }[] }>("GET", "/api/v1/tokens", {
        cookie: people.outsider.cookie,
      });
      const id = tokens.find((token) => token.name === "revoked-while-connected")?.id;
      await call("DELETE", `/api/v1/tokens/${id}`, { cookie: people.outsider.cookie });
      expect(await disconnected).toBe("io server disconnect");
      expect(outsider.socket.connected).toBe(true);
    } finally {
      for (const listener of [outsider, admin, cut]) listener.socket.close();
    }
  }, 180_000);

  it("signing out cuts off the pages of that session, not the person's other sessions or tokens", async () => {
    const leaving = await signIn(server.url, people.viewer.email);
    const staying = await signIn(server.url, people.viewer.email);
    const gone = await listen({ cookie: leaving });
    const kept = await listen({ cookie: staying });
    const byToken = await listen({ token: people.viewer.token });
    try {
      const disconnected = new Promise<string>((resolve, reject) => {
        gone.socket.once("disconnect", resolve);
        setTimeout(
          () => reject(new Error("the signed-out session's socket is still connected after 30 s")),
          30_000,
        );
      });
      await call("POST", "/api/auth/sign-out", { cookie: leaving }, {});
      expect(await disconnected).toBe("io server disconnect");
      // The other session and the token are still served (an answer to a subscription proves it).
      for (const listener of [kept, byToken]) {
        expect(await subscribe(listener.socket, "run_unknown")).toMatchObject({ ok: false });
        expect(listener.socket.connected).toBe(true);
      }
      // The ended session cannot connect again.
      await expect(listen({ cookie: leaving })).rejects.toThrow(/unauthenticated/);
    } finally {
      for (const listener of [gone, kept, byToken]) listener.socket.close();
    }
  }, 120_000);
});

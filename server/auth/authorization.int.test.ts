import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IntServer, REPO, startIntServer } from "../cli/int-server";
import { clientEventNames } from "../realtime/protocol";
import { createPeople, type People, signIn, testPassword } from "../testing/people";
import { buildZip, renameEntry } from "../uploads/zip-fixtures";

/**
 * The authorisation matrix, against a real Specwave. Every route handler under app/ and every
 * socket event is found from the code, so a route added later without an entry here (or
 * without a check) fails: anonymous callers get 401, viewers get 403 on changes, approvers get
 * 403 on settings, and people outside a project cannot even see that its runs exist.
 */
type Level = "public" | "signed-in" | "self" | "viewer" | "approver" | "admin" | "instance-admin";

const matrix: Record<string, Level> = {
  "GET /api/auth/[...all]": "public",
  "POST /api/auth/[...all]": "public",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/setup": "public",
  "POST /api/v1/setup": "public",
  "GET /api/v1/me": "signed-in",
  "GET /api/v1/examples": "signed-in",
  "GET /api/v1/examples/[name]": "signed-in",
  "GET /api/v1/projects": "signed-in",
  "GET /api/v1/runs": "signed-in",
  "GET /api/v1/specs": "signed-in",
  "GET /api/v1/audit": "admin",
  // A person's own tokens: anyone signed in, for themselves only.
  "GET /api/v1/tokens": "self",
  "POST /api/v1/tokens": "self",
  "DELETE /api/v1/tokens/[tokenId]": "self",
  "GET /api/v1/projects/[projectId]": "viewer",
  "GET /api/v1/runs/[runId]": "viewer",
  "GET /api/v1/runs/[runId]/export": "viewer",
  "GET /api/v1/runs/[runId]/items/[key]/evidence": "viewer",
  "GET /api/v1/runs/[runId]/items/[key]/diff": "viewer",
  "GET /api/v1/specs/[specId]": "viewer",
  "POST /api/v1/specs": "approver",
  "POST /api/v1/specs/preview": "approver",
  "POST /api/v1/runs": "approver",
  "POST /api/v1/runs/[runId]/approvals": "approver",
  "POST /api/v1/runs/[runId]/cancel": "approver",
  "POST /api/v1/runs/[runId]/items/[key]": "approver",
  "PATCH /api/v1/projects/[projectId]": "admin",
  "GET /api/v1/projects/[projectId]/members": "admin",
  "PUT /api/v1/projects/[projectId]/members": "admin",
  "DELETE /api/v1/projects/[projectId]/members/[userId]": "admin",
  "GET /api/v1/users": "instance-admin",
  "POST /api/v1/users": "instance-admin",
};

const mutating = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Every exported HTTP method of every route.ts under app/, as `METHOD /path/[param]`. */
function routesFromCode(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const routePath = `/${path.relative(path.join(REPO, "app"), dir).split(path.sep).join("/")}`;
        for (const match of source.matchAll(
          /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
        )) {
          found.push(`${match[1]} ${routePath}`);
        }
      }
    }
  };
  walk(path.join(REPO, "app"));
  return found.sort();
}

let server: IntServer;
let people: People;
const ids: Record<string, string> = {
  projectId: "prj_demo",
  name: "exec-spec-demo.md",
  "...all": "get-session",
};

async function call(
  key: string,
  who: { token?: string; cookie?: string; origin?: string } = {},
  body: unknown = {},
): Promise<{ status: number; code?: string }> {
  const [method, template] = key.split(" ") as [string, string];
  const url = template.replace(/\[([^\]]+)\]/g, (_m, name: string) =>
    encodeURIComponent(ids[name] ?? "missing"),
  );
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (who.cookie) headers.cookie = who.cookie;
  if (who.origin) headers.origin = who.origin;
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers,
    body: mutating.has(method) ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code };
}

async function json<T>(pathName: string, token: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${server.url}${pathName}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`${pathName}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  server = await startIntServer();
  people = await createPeople(server.url);
  const demo = readFileSync(path.join(REPO, "examples/specs/exec-spec-demo.md"), "utf8");
  const spec = await json<{ id: string }>("/api/v1/specs", people.approver.token, {
    method: "POST",
    body: JSON.stringify({ files: [{ name: "exec-spec-demo.md", content: demo }] }),
  });
  const run = await json<{ runId: string }>("/api/v1/runs", people.approver.token, {
    method: "POST",
    body: JSON.stringify({ specId: spec.id }),
  });
  const view = await json<{ stories: { key: string }[] }>(`/api/v1/runs/${run.runId}`, people.viewer.token);
  const tokens = await json<{ tokens: { id: string }[] }>("/api/v1/tokens", people.admin.token);
  const users = await json<{ users: { id: string; email: string }[] }>("/api/v1/users", people.admin.token);
  Object.assign(ids, {
    specId: spec.id,
    runId: run.runId,
    key: view.stories[0]?.key ?? "WS1",
    // Someone else's token: a viewer revoking it is told it does not exist.
    tokenId: tokens.tokens[0]?.id ?? "tok_missing",
    userId: users.users.find((user) => user.email === "viewer@example.com")?.id ?? "missing",
  });
}, 900_000);

afterAll(async () => {
  await server?.stop();
}, 120_000);

describe("every route handler", () => {
  it("is in the matrix, and the matrix names no route that does not exist", () => {
    const routes = routesFromCode();
    expect(routes.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it("gives no change to viewers: every mutating route needs approver or above, or acts on the caller's own things", () => {
    const loose = Object.entries(matrix).filter(
      ([key, level]) => mutating.has(key.split(" ")[0] ?? "") && ["signed-in", "viewer"].includes(level),
    );
    expect(loose).toEqual([]);
  });

  it("answers 401 to anonymous callers and to unknown or malformed tokens", async () => {
    const wrong: string[] = [];
    for (const key of routesFromCode()) {
      if (matrix[key] === "public") continue;
      for (const who of [
        {},
        { token: "swt_notarealtokennotarealtokennotarealtoken12" },
        { token: "garbage" },
      ]) {
        const answer = await call(key, who);
        if (answer.status !== 401 || answer.code !== "unauthenticated")
          wrong.push(`${key} → ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("answers 403 to a viewer on every change, and to an approver on settings", async () => {
    const wrong: string[] = [];
    for (const key of routesFromCode()) {
      const level = matrix[key];
      const refuse: [string, string][] = [];
      if (level === "approver" || level === "admin" || level === "instance-admin")
        refuse.push(["viewer", people.viewer.token]);
      if (level === "admin" || level === "instance-admin") refuse.push(["approver", people.approver.token]);
      for (const [name, token] of refuse) {
        const answer = await call(key, { token });
        if (answer.status !== 403 || answer.code !== "forbidden")
          wrong.push(`${name}: ${key} → ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("lets each role do what it may (no 401/403 where the matrix allows)", async () => {
    const wrong: string[] = [];
    const allowed: Record<Level, (keyof People)[]> = {
      public: [],
      "signed-in": ["viewer", "outsider"],
      self: ["viewer"],
      viewer: ["viewer", "approver"],
      approver: ["approver"],
      admin: ["admin"],
      "instance-admin": ["admin"],
    };
    for (const key of routesFromCode()) {
      // Reads only: a change would disturb the other checks.
      if (mutating.has(key.split(" ")[0] ?? "")) continue;
      for (const person of allowed[matrix[key] ?? "public"]) {
        const answer = await call(key, { token: people[person].token });
        if (answer.status === 401 || answer.status === 403)
          wrong.push(`${person}: ${key} → ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("hides another project's runs and specs from people outside it (404, never 403)", async () => {
    for (const key of [
      "GET /api/v1/runs/[runId]",
      "GET /api/v1/specs/[specId]",
      "POST /api/v1/runs/[runId]/cancel",
    ]) {
      expect(await call(key, { token: people.outsider.token })).toMatchObject({
        status: 404,
        code: "not_found",
      });
    }
    const runs = await json<{ runs: unknown[] }>("/api/v1/runs", people.outsider.token);
    expect(runs.runs).toEqual([]);
    expect((await json<{ runs: unknown[] }>("/api/v1/runs", people.viewer.token)).runs.length).toBe(1);
  });

  it("refuses a forged cross-site change made with a session cookie, and accepts the same from Specwave's own page", async () => {
    const forged = await call(
      "POST /api/v1/tokens",
      { cookie: people.approver.cookie, origin: "http://evil.example" },
      { name: "x" },
    );
    expect(forged).toMatchObject({ status: 403, code: "forbidden" });
    const noOrigin = await call("POST /api/v1/tokens", { cookie: people.approver.cookie }, { name: "x" });
    expect(noOrigin).toMatchObject({ status: 403, code: "forbidden" });
    const own = await call(
      "POST /api/v1/tokens",
      { cookie: people.approver.cookie, origin: server.url },
      { name: "x" },
    );
    expect(own.status).toBe(201);
  });
});

describe("every socket event", () => {
  const open = (auth: { token?: string; cookie?: string }) =>
    connect(server.url, {
      path: "/socket.io",
      transports: ["websocket"],
      reconnection: false,
      auth: auth.token ? { token: auth.token } : {},
      extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
    });
  const connected = (socket: Socket) =>
    new Promise<string | null>((resolve) => {
      socket.once("connect", () => resolve(null));
      socket.once("connect_error", (error) => resolve(error.message));
    });
  const subscribe = (socket: Socket) =>
    new Promise<{ ok: boolean; error?: string }>((resolve) =>
      socket.emit("run:subscribe", { runId: ids.runId }, resolve),
    );

  it("lists the events the server handles", () => {
    const handled = new Set<string>();
    const dir = path.join(REPO, "server/realtime");
    for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.includes(".test."))) {
      for (const match of readFileSync(path.join(dir, file), "utf8").matchAll(/socket\.on\("([^"]+)"/g)) {
        if (match[1]) handled.add(match[1]);
      }
    }
    expect([...handled].sort()).toEqual([...clientEventNames].sort());
  });

  it("refuses anonymous connections before any event, and revoked or unknown tokens too", async () => {
    for (const auth of [{}, { token: "swt_notarealtokennotarealtokennotarealtoken12" }]) {
      const socket = open(auth);
      expect(await connected(socket)).toMatch(/^unauthenticated/);
      socket.close();
    }
  });

  it("lets a member subscribe to their project's run, by token or by session, and not an outsider", async () => {
    for (const auth of [{ token: people.viewer.token }, { cookie: people.viewer.cookie }]) {
      const socket = open(auth);
      expect(await connected(socket)).toBeNull();
      expect(await subscribe(socket)).toEqual({ ok: true });
      socket.close();
    }
    const outsider = open({ token: people.outsider.token });
    expect(await connected(outsider)).toBeNull();
    expect(await subscribe(outsider)).toEqual({ ok: false, error: "no such run" });
    outsider.close();
  });
});

describe("attacks on the upload and the gates", () => {
  const specCount = async () =>
    (await json<{ specs: unknown[] }>("/api/v1/specs?limit=200", people.admin.token)).specs.length;
  const postZip = async (zip: Buffer, name = "stories.zip") => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(zip)]), name);
    const response = await fetch(`${server.url}/api/v1/specs`, {
      method: "POST",
      headers: { authorization: `Bearer ${people.approver.token}` },
      body: form,
    });
    return {
      status: response.status,
      body: (await response.json()) as { error: { code: string; message: string } },
    };
  };

  it("refuses a zip with ../ entries, a zip bomb and a 100 MB upload with clear errors, storing nothing", async () => {
    const before = await specCount();
    const story = "---\nstory_id: US-1\nstatus: todo\n---\n# US-1 A story\n";
    const climbing = renameEntry(
      await buildZip([{ name: "xxxevil.md", content: story }]),
      "xxxevil.md",
      "../evil.md",
    );
    const climbed = await postZip(climbing);
    expect(climbed.status).toBe(400);
    expect(climbed.body.error.message).toContain('"../evil.md"');

    const bomb = await postZip(
      await buildZip([{ name: "bomb.md", content: Buffer.alloc(20_000_000, 0x41), compressionLevel: 9 }]),
    );
    expect(bomb.status).toBe(413);
    expect(bomb.body.error.code).toBe("too_large");
    expect(bomb.body.error.message).toMatch(/bomb|limit/);

    const huge = await fetch(`${server.url}/api/v1/specs`, {
      method: "POST",
      headers: { authorization: `Bearer ${people.approver.token}`, "content-type": "application/json" },
      body: Buffer.alloc(100 * 1024 * 1024, 0x20),
    }).then(
      async (response) => ({ status: response.status, text: await response.text() }),
      // The server may close the connection once it has answered, before all 100 MB went out.
      (error: Error) => ({ status: 0, text: String(error.cause ?? error) }),
    );
    if (huge.status !== 0) {
      expect(huge.status).toBe(413);
      expect(huge.text).toContain("the limit is 10 MiB");
    }
    expect(await specCount()).toBe(before);
  }, 120_000);

  it("never runs a spec's own gate command while spec-defined commands are disabled", async () => {
    const marker = path.join(tmpdir(), `specwave-pwned-${Date.now()}`);
    const spec = [
      "---",
      "spec: EXEC-SPEC-ATTACK",
      "workstreams:",
      "  A1: { name: Harmless, agent: backend-developer, depends_on: [], outputs: [src/a.ts], gate: pwn }",
      "execution_phases:",
      "  - { name: One, parallel: [A1], gates: [pwn] }",
      "gates:",
      `  pwn: { command: "touch ${marker}" }`,
      "---",
      "# Attack",
      "## A1 Harmless",
      "",
    ].join("\n");
    const stored = await json<{ id: string }>("/api/v1/specs", people.approver.token, {
      method: "POST",
      body: JSON.stringify({ files: [{ name: "attack.md", content: spec }] }),
    });
    const { runId } = await json<{ runId: string }>("/api/v1/runs", people.approver.token, {
      method: "POST",
      body: JSON.stringify({ specId: stored.id, settings: { approval: "automatic" } }),
    });
    let view: {
      status: string;
      gates: { name: string; status: string; command: string; outputTail: string }[];
    };
    for (;;) {
      view = await json(`/api/v1/runs/${runId}`, people.viewer.token);
      if (["succeeded", "failed", "cancelled"].includes(view.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const gate = view.gates.find((g) => g.name === "pwn");
    expect(gate).toMatchObject({ status: "skipped", command: `touch ${marker}` });
    expect(gate?.outputTail).toContain("spec-defined commands are not enabled for this project");
    expect(existsSync(marker)).toBe(false);
  }, 180_000);
});

describe("the audit log and sign-in", () => {
  it("records sign-ins, tokens, runs started and settings changes, for administrators only", async () => {
    await json("/api/v1/projects/prj_demo", people.admin.token, {
      method: "PATCH",
      body: JSON.stringify({ specCommandsEnabled: false }),
    });
    const log = await json<{ entries: { action: string; actorEmail: string | null }[] }>(
      "/api/v1/audit?limit=200",
      people.admin.token,
    );
    const actions = new Set(log.entries.map((entry) => `${entry.action} ${entry.actorEmail}`));
    for (const expected of [
      "admin_created admin@example.com",
      "sign_in viewer@example.com",
      "token_created approver@example.com",
      "user_created admin@example.com",
      "member_set admin@example.com",
      "spec_uploaded approver@example.com",
      "run_started approver@example.com",
      "settings_changed admin@example.com",
    ]) {
      expect(actions).toContain(expected);
    }
    expect(await call("GET /api/v1/audit", { token: people.approver.token })).toMatchObject({ status: 403 });
  });

  it("refuses a second first-run setup", async () => {
    const again = await fetch(`${server.url}/api/v1/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "mallory@example.com", name: "M", password: testPassword }),
    });
    expect(again.status).toBe(409);
  });

  // Last: it uses up this address's sign-in attempts for a minute.
  it("rate-limits sign-in attempts per address, and logs the failures", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.url },
        body: JSON.stringify({ email: "viewer@example.com", password: "wrong password!" }),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    await expect(signIn(server.url, "viewer@example.com")).rejects.toThrow(/429/);
    const log = await json<{ entries: { action: string; actorEmail: string | null }[] }>(
      "/api/v1/audit?limit=50",
      people.admin.token,
    );
    expect(log.entries.filter((entry) => entry.action === "sign_in_failed").length).toBeGreaterThanOrEqual(3);
  });
});

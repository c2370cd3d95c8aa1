import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, exerciseEndpoints } from "../api-docs/exercise";
import { buildOpenApiDocument } from "../api-docs/openapi";
import { createOwnToken, createPeople, type People, signIn } from "../testing/people";
import { cleanEnv, freePort, type IntServer, REPO, startIntServer } from "./int-server";

/**
 * The `specwave` binary, as a user runs it, against a real Specwave (web, worker, PostgreSQL,
 * Redis, the demo agent): whole runs, approvals, cancel, export, and the exit codes. Then every
 * endpoint of the server's own OpenAPI document is called at least once.
 */
const BIN = path.join(REPO, "bin/specwave.mjs");
const DEMO = "examples/specs/exec-spec-demo.md";

let server: IntServer;
let people: People;

interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    // The server comes from SPECWAVE_URL here, as in CI; the wrong-URL test uses --url.
    env: cleanEnv({ SPECWAVE_URL: server.url, SPECWAVE_TOKEN: people.approver.token, ...options.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function collect(child: ChildProcess): Promise<CliResult> & { output(): CliResult } {
  const result: CliResult = { code: null, stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk: Buffer) => {
    result.stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    result.stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.once("exit", (code) => {
      result.code = code;
      resolve(result);
    });
  });
  return Object.assign(done, { output: () => result });
}

function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return collect(spawnCli(args, options));
}

async function statusOf(
  runId: string,
): Promise<{ status: string; waves: { index: number; status: string }[] }> {
  const result = await cli(["status", runId, "--json"]);
  return JSON.parse(result.stdout);
}

async function waitForStatus(runId: string, wanted: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await statusOf(runId);
    if (view.status === wanted) return view;
    if (Date.now() > deadline) throw new Error(`run ${runId} is ${view.status}, never ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

let finishedRunId = "";

beforeAll(async () => {
  server = await startIntServer();
  people = await createPeople(server.url);
}, 900_000);

afterAll(async () => {
  await server?.stop();
}, 120_000);

describe("specwave against a real server", () => {
  it("runs the demo spec to the end with --watch --no-approval --json (exit 0)", async () => {
    const result = await cli(["run", DEMO, "--watch", "--no-approval", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const view = JSON.parse(result.stdout);
    expect(view.status).toBe("succeeded");
    expect(view.settings).toMatchObject({ approval: "automatic" });
    expect(view.stories.map((s: { key: string; status: string }) => `${s.key}:${s.status}`)).toEqual([
      "WS1:succeeded",
      "WS2:succeeded",
      "WS3:succeeded",
      "WS4:succeeded",
      "WS5:succeeded",
    ]);
    finishedRunId = view.id;
    const status = await cli(["status", finishedRunId]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Run ${finishedRunId}: succeeded`);
    expect(status.stdout).toMatch(/^Wave 3 .*\[█{20}\] 2\/2 {2}passed$/m);
  }, 300_000);

  it("--watch without a TTY says approval is needed, waits, and ends when `approve` is run", async () => {
    const watch = collect(spawnCli(["run", DEMO, "--watch"]));
    const approved: number[] = [];
    while (watch.output().code === null) {
      const runId = /Started run (run_\w+)/.exec(watch.output().stdout)?.[1];
      const view = runId ? await statusOf(runId) : undefined;
      const waiting = view?.waves.find((wave) => wave.status === "awaiting_approval");
      if (runId && view?.status === "awaiting_approval" && waiting) {
        const approve = await cli(["approve", runId, "--comment", "from the CLI test", "--json"]);
        expect(approve.code, approve.stderr).toBe(0);
        expect(JSON.parse(approve.stdout)).toMatchObject({ wave: waiting.index + 1, outcome: "applied" });
        approved.push(waiting.index + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const result = await watch;
    expect(result.code, result.stderr).toBe(0);
    expect(approved.slice(0, 2)).toEqual([1, 2]);
    expect(result.stderr).toMatch(
      /Wave 1 \(.+\) needs approval: run `specwave approve run_\w+` to continue\. Waiting/,
    );
    expect(result.stdout).toMatch(/^ {2}✓ WS1 /m);
    expect(result.stdout).toMatch(/^Wave 2 .*\[█{20}\] 2\/2/m);
    expect(result.stdout).toMatch(/: succeeded$/m);
  }, 300_000);

  it("resumes a paused run, cancels it, and reports the cancelled run with exit 1", async () => {
    const started = await cli([
      "run",
      DEMO,
      "--json",
      "--lenient",
      "--batch-size",
      "5",
      "--project",
      "prj_demo",
    ]);
    expect(started.code, started.stderr).toBe(0);
    const { runId, settings } = JSON.parse(started.stdout);
    expect(settings).toEqual({ strict: false, batchSize: 5 });
    await waitForStatus(runId, "awaiting_approval");
    const pause = await cli(["pause", runId]);
    expect(pause.code, pause.stderr).toBe(0);
    expect(pause.stdout).toBe(`Paused run ${runId} at wave 1; \`specwave resume ${runId}\` continues it.\n`);
    expect((await statusOf(runId)).status).toBe("paused");
    const resumed = await cli(["resume", runId]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe("Approved wave 1; the next wave is starting.\n");
    const cancelled = await cli(["cancel", runId]);
    expect(cancelled.stdout).toBe(`Cancelled run ${runId}.\n`);
    expect((await cli(["cancel", runId, "--json"])).stdout).toContain('"already_final"');
    const status = await cli(["status", runId]);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`Run ${runId}: cancelled`);
    expect((await cli(["resume", runId])).code).toBe(2);
    expect((await cli(["pause", runId])).code).toBe(2);
    const elsewhere = await cli(["run", DEMO, "--project", "prj_nowhere"]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain("No project prj_nowhere");
    const approve = await cli(["approve", runId]);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toContain("is cancelled; no wave is awaiting approval");
  }, 180_000);

  it("--phase 1 runs the first wave only, stops there with exit 0, and resume runs the rest", async () => {
    const result = await cli(["run", DEMO, "--phase", "1", "--no-approval", "--watch", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const view = JSON.parse(result.stdout) as {
      id: string;
      status: string;
      settings: { stopAfterWave: number };
    };
    expect(view).toMatchObject({ status: "paused", settings: { stopAfterWave: 0 } });
    expect(result.stderr).toContain("Stopped after wave 1, as --phase asked");
    const resumed = await cli(["resume", view.id]);
    expect(resumed.code, resumed.stderr).toBe(0);
    await waitForStatus(view.id, "succeeded");
  }, 180_000);

  it("exports the finished run as a checkpoint file and as progress markdown", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "specwave-cli-export-"));
    const result = await cli(["export", finishedRunId, "--format", "checkpoint", "--out", "cp.json"], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    const checkpoint = JSON.parse(readFileSync(path.join(dir, "cp.json"), "utf8"));
    expect(checkpoint.status).toBe("complete");
    expect(checkpoint.completed_workstreams.sort()).toEqual(["WS1", "WS2", "WS3", "WS4", "WS5"]);
    const progress = await cli(["export", finishedRunId, "--format", "progress"]);
    expect(progress.code).toBe(0);
    expect(progress.stdout).toContain("WS5");
  }, 60_000);

  it("refuses a spec with errors with exit 2 and prints them with file:line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "specwave-cli-bad-"));
    writeFileSync(
      path.join(dir, "cycle.md"),
      "---\nworkstreams:\n  WS1: { name: A, agent: dev, depends_on: [WS2] }\n  WS2: { name: B, agent: dev, depends_on: [WS1] }\n---\n# Cycle\n",
    );
    const result = await cli(["run", "cycle.md", "--watch"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cycle.md:3: error dependency_cycle:");
    const unknown = await cli(["status", "run_doesnotexist"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("(not_found, HTTP 404)");
  }, 60_000);

  it("exits 3 when the server cannot be reached", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await cli(["status", finishedRunId, "--url", url]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`cannot reach Specwave at ${url}`);
    expect((await cli(["run", DEMO, "--url", url, "--json"])).code).toBe(3);
  }, 60_000);

  it("needs a token: none, a viewer's for a change, or a revoked one exit 3 with the reason", async () => {
    const none = await cli(["status", finishedRunId], { env: { SPECWAVE_TOKEN: "" } });
    expect(none.code).toBe(3);
    expect(none.stderr).toContain("(unauthenticated, HTTP 401)");
    const viewer = await cli(["cancel", finishedRunId], { env: { SPECWAVE_TOKEN: people.viewer.token } });
    expect(viewer.code).toBe(3);
    expect(viewer.stderr).toContain("(forbidden, HTTP 403)");
    expect(
      (await cli(["status", finishedRunId], { env: { SPECWAVE_TOKEN: people.viewer.token } })).code,
    ).toBe(0);

    const token = await createOwnToken(server.url, people.approver.cookie, "revoked in a test");
    expect((await cli(["status", finishedRunId], { env: { SPECWAVE_TOKEN: token } })).code).toBe(0);
    const tokens = (await (
      await fetch(`${server.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { tokens: { id: string; prefix: string }[] };
    const id = tokens.tokens.find((t) => token.startsWith(t.prefix))?.id;
    const revoked = await fetch(`${server.url}/api/v1/tokens/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${people.approver.token}` },
    });
    expect(revoked.status).toBe(200);
    const after = await cli(["status", finishedRunId], { env: { SPECWAVE_TOKEN: token } });
    expect(after.code).toBe(3);
    expect(after.stderr).toContain("(unauthenticated, HTTP 401)");
  }, 60_000);

  it("`specwave admin create` makes an administrator on the server's database who can sign in", async () => {
    const child = spawn(
      process.execPath,
      [BIN, "admin", "create", "--email", "Grace@Example.com", "--name", "Grace", "--password-stdin"],
      { cwd: REPO, env: cleanEnv({ DATABASE_URL: server.databaseUrl }), stdio: ["pipe", "pipe", "pipe"] },
    );
    child.stdin?.end("a long enough password\n");
    const created = await collect(child);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Created administrator grace@example.com");
    const cookie = await signIn(server.url, "grace@example.com", "a long enough password");
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { cookie } });
    expect(((await me.json()) as { user: { isAdmin: boolean } }).user.isAdmin).toBe(true);

    const short = spawn(
      process.execPath,
      [BIN, "admin", "create", "--email", "x@example.com", "--password-stdin"],
      {
        cwd: REPO,
        env: cleanEnv({ DATABASE_URL: server.databaseUrl }),
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    short.stdin?.end("short\n");
    const refused = await collect(short);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("at least 10 characters");
  }, 60_000);
});

describe("the server's OpenAPI document", () => {
  it("validates, and every endpoint in it answers as documented", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(doc).toEqual(buildOpenApiDocument());
    const operations = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((op) => ({ id: op.operationId })),
    );
    const exercised = new Set(cases.map((c) => c.operationId));
    expect(operations.filter((op) => !exercised.has(op.id))).toEqual([]);
    const results = await exerciseEndpoints({
      baseUrl: server.url,
      token: people.admin.token,
      cookie: people.admin.cookie,
      finishedRunId,
      demoSpec: { name: DEMO, content: readFileSync(path.join(REPO, DEMO), "utf8") },
    });
    expect(results.filter((r) => r.problem)).toEqual([]);
    expect(new Set(results.map((r) => r.operationId)).size).toBe(operations.length);
  }, 120_000);

  it("is rendered as a reference page at /api-docs, with nothing loaded from elsewhere", async () => {
    const response = await fetch(`${server.url}/api-docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Specwave REST API");
    expect(html).toMatch(
      /POST<!-- -->\s*<!-- -->\/api\/v1\/runs\/\{runId\}\/approvals|POST \/api\/v1\/runs\/\{runId\}\/approvals/,
    );
    expect(html).toContain('id="schema-RunView"');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:\/\//);
  }, 60_000);
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "./io";
import { main } from "./main";
import { runView, waitingView } from "./test-fixtures";

/**
 * The commands in-process against a small HTTP server that records what it is sent and answers
 * as the API does: argument parsing, the requests they make, output and exit codes. The real
 * server is driven in cli.int.test.ts.
 */
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const RUN = "run_0000000000000000000001";

interface Seen {
  method: string;
  url: string;
  body: unknown;
  authorization?: string;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
let answers: Record<string, Answer | ((body: unknown) => Answer)> = {};
const seen: Seen[] = [];
let server: Server;
let url = "";

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text === "" ? undefined : JSON.parse(text);
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      body,
      authorization: req.headers.authorization,
    });
    const found = answers[`${req.method} ${req.url}`];
    const answer = typeof found === "function" ? found(body) : found;
    const {
      status,
      body: out,
      headers,
    } = answer ?? {
      status: 404,
      body: { error: { code: "not_found", message: `No route ${req.url}.` } },
    };
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof out === "string" ? out : JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  answers = {};
  seen.length = 0;
});

function io(options: { cwd?: string; token?: string } = {}): CliIo & { out: string; err: string } {
  const captured = {
    out: "",
    err: "",
    cwd: options.cwd ?? REPO,
    env: { url, token: options.token },
    interactive: false,
    stdout(text: string) {
      captured.out += text;
    },
    stderr(text: string) {
      captured.err += text;
    },
  };
  return captured;
}

const plan = {
  format: "exec-spec",
  title: "Demo",
  items: [],
  waves: [],
  criticalPath: [],
  gates: {},
  warnings: [],
  analysisRequired: false,
};

describe("specwave run", () => {
  it("uploads the files, then starts a run with only the settings given", async () => {
    answers["POST /api/v1/specs"] = { status: 201, body: { id: "spec_abc", plan } };
    answers["POST /api/v1/runs"] = { status: 201, body: { runId: RUN } };
    const cli = io();
    const args = [
      "run",
      "examples/specs/exec-spec-demo.md",
      "--mode",
      "eager",
      "--batch-size",
      "2",
      "--concurrency",
      "4",
    ];
    const code = await main(
      [...args, "--no-approval", "--lenient", "--no-tdd", "--reviewers", "--accept", "WS4:WS1"],
      cli,
    );
    expect(code).toBe(0);
    const upload = seen[0]?.body as { files: { name: string; content: string }[] };
    expect(upload.files.map((f) => f.name)).toEqual(["examples/specs/exec-spec-demo.md"]);
    expect(upload.files[0]?.content).toContain("EXEC-SPEC-DEMO");
    expect(seen[0]?.body).toMatchObject({ acceptedDependencies: [{ item: "WS4", dependsOn: "WS1" }] });
    expect(seen[1]?.body).toEqual({
      specId: "spec_abc",
      settings: {
        mode: "eager",
        batchSize: 2,
        concurrency: 4,
        approval: "automatic",
        strict: false,
        tdd: false,
        reviewers: true,
      },
    });
    expect(cli.out).toBe(`Started run ${RUN} (spec spec_abc).\nFollow it: specwave status ${RUN}\n`);
  });

  it("leaves the server's defaults alone and takes a stored spec's id; --json prints the ids", async () => {
    answers["POST /api/v1/runs"] = { status: 201, body: { runId: RUN } };
    const cli = io();
    expect(await main(["run", "spec_abc", "--json", "--strict"], cli)).toBe(0);
    expect(seen.map((s) => s.url)).toEqual(["/api/v1/runs"]);
    expect(seen[0]?.body).toEqual({ specId: "spec_abc", settings: { strict: true } });
    expect(JSON.parse(cli.out)).toEqual({ runId: RUN, specId: "spec_abc", settings: { strict: true } });
  });

  it("prints a refused spec's errors with file:line and exits 2", async () => {
    answers["POST /api/v1/specs"] = {
      status: 422,
      body: {
        error: {
          code: "invalid_spec",
          message: "The spec has errors; fix them and upload it again.",
          details: {
            errors: [
              { code: "dependency_cycle", severity: "error", message: "A circle.", file: "c.md", line: 3 },
            ],
            warnings: [],
          },
        },
      },
    };
    const cli = io();
    expect(await main(["run", "examples/specs/exec-spec-demo.md"], cli)).toBe(2);
    expect(cli.err).toContain("(invalid_spec, HTTP 422)");
    expect(cli.err).toContain("c.md:3: error dependency_cycle: A circle.\n");
    const json = io();
    expect(await main(["run", "examples/specs/exec-spec-demo.md", "--json"], json)).toBe(2);
    expect(JSON.parse(json.out).error.details.errors[0].line).toBe(3);
  });

  it("refuses bad arguments with exit 2 before sending anything", async () => {
    for (const args of [
      ["run", "x.md", "--strict", "--lenient"],
      ["run", "x.md", "--batch-size", "0"],
      ["run", "x.md", "--concurrency", "11"],
      ["run", "x.md", "--accept", "WS4"],
      ["run", "x.md", "--mode", "parallel"],
      ["run", "no-such-file.md"],
      ["export", RUN],
      ["approve", RUN, "--wave", "zero"],
      ["status"],
      ["status", RUN, "--url", "ftp://example"],
      [],
    ]) {
      const cli = io();
      expect(await main(args, cli), args.join(" ")).toBe(2);
    }
    expect(seen).toEqual([]);
  });
});

describe("specwave status", () => {
  it("prints the run, and exits 1 when it failed", async () => {
    answers[`GET /api/v1/runs/${RUN}`] = { status: 200, body: runView() };
    const cli = io();
    expect(await main(["status", RUN], cli)).toBe(0);
    expect(cli.out).toContain("Wave 1 Foundations  [██████████░░░░░░░░░░] 1/2  running");
    answers[`GET /api/v1/runs/${RUN}`] = {
      status: 200,
      body: runView({ status: "failed", error: "WS2 failed" }),
    };
    const json = io();
    expect(await main(["status", RUN, "--json"], json)).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ id: RUN, status: "failed", error: "WS2 failed" });
  });

  it("sends the token; a refusal (401/403) or an outage (503) exits 3, an unknown run 2, a crash 1", async () => {
    answers[`GET /api/v1/runs/${RUN}`] = { status: 401, body: "" };
    const cli = io({ token: "sw_secret" });
    expect(await main(["status", RUN], cli)).toBe(3);
    expect(seen[0]?.authorization).toBe("Bearer sw_secret");
    expect(cli.err).toContain("set SPECWAVE_TOKEN");
    answers[`GET /api/v1/runs/${RUN}`] = {
      status: 503,
      body: { error: { code: "unavailable", message: "down" } },
    };
    expect(await main(["status", RUN], io())).toBe(3);
    expect(seen[1]?.authorization).toBeUndefined();
    expect(await main(["status", "run_nope"], io())).toBe(2);
    answers[`GET /api/v1/runs/${RUN}`] = {
      status: 500,
      body: { error: { code: "internal", message: "boom" } },
    };
    expect(await main(["status", RUN], io())).toBe(1);
    answers[`GET /api/v1/runs/${RUN}`] = { status: 200, body: "<html>not specwave</html>" };
    expect(await main(["status", RUN], io())).toBe(3);
  });
});

describe("specwave approve and resume", () => {
  it("approves the wave awaiting approval by default, or the --wave given (numbered from 1)", async () => {
    const waiting = waitingView("awaiting_approval");
    answers[`GET /api/v1/runs/${RUN}`] = { status: 200, body: waiting };
    answers[`POST /api/v1/runs/${RUN}/approvals`] = { status: 200, body: { outcome: "applied" } };
    const cli = io();
    expect(await main(["approve", RUN, "--comment", "looks good"], cli)).toBe(0);
    expect(seen[1]?.body).toEqual({ waveIndex: 0, decision: "continue", comment: "looks good" });
    expect(cli.out).toBe("Approved wave 1; the next wave is starting.\n");
    const json = io();
    expect(await main(["approve", RUN, "--wave", "2", "--json"], json)).toBe(0);
    expect(seen[2]?.body).toEqual({ waveIndex: 1, decision: "continue" });
    expect(JSON.parse(json.out)).toEqual({ runId: RUN, wave: 2, decision: "continue", outcome: "applied" });
  });

  it("exits 2 when nothing awaits approval or the run is not paused", async () => {
    answers[`GET /api/v1/runs/${RUN}`] = { status: 200, body: runView() };
    const cli = io();
    expect(await main(["approve", RUN], cli)).toBe(2);
    expect(cli.err).toContain("no wave is awaiting approval");
    const resume = io();
    expect(await main(["resume", RUN], resume)).toBe(2);
    expect(resume.err).toContain("not paused");
  });

  it("resumes a paused run with Continue on the wave it paused at", async () => {
    const paused = waitingView("paused");
    answers[`GET /api/v1/runs/${RUN}`] = { status: 200, body: paused };
    answers[`POST /api/v1/runs/${RUN}/approvals`] = { status: 200, body: { outcome: "applied" } };
    expect(await main(["resume", RUN], io())).toBe(0);
    expect(seen[1]?.body).toEqual({ waveIndex: 0, decision: "continue" });
  });
});

describe("specwave cancel and export", () => {
  it("cancels, and says so when the run had already ended", async () => {
    answers[`POST /api/v1/runs/${RUN}/cancel`] = { status: 200, body: { outcome: "already_final" } };
    const cli = io();
    expect(await main(["cancel", RUN], cli)).toBe(0);
    expect(cli.out).toBe(`Run ${RUN} had already ended.\n`);
  });

  it("writes the export to --out, or to stdout", async () => {
    answers[`GET /api/v1/runs/${RUN}/export?format=progress`] = {
      status: 200,
      body: "# Progress\n",
      headers: { "content-type": "text/markdown", "content-disposition": 'attachment; filename="p.md"' },
    };
    const dir = mkdtempSync(join(tmpdir(), "specwave-cli-"));
    const cli = io({ cwd: dir });
    expect(await main(["export", RUN, "--format", "progress", "--out", "p.md", "--json"], cli)).toBe(0);
    expect(readFileSync(join(dir, "p.md"), "utf8")).toBe("# Progress\n");
    expect(JSON.parse(cli.out)).toMatchObject({ format: "progress", bytes: 11 });
    const stdout = io();
    expect(await main(["export", RUN, "--format", "progress"], stdout)).toBe(0);
    expect(stdout.out).toBe("# Progress\n");
    writeFileSync(join(dir, "blocker"), "");
    expect(
      await main(["export", RUN, "--format", "progress", "--out", "blocker/x.md"], io({ cwd: dir })),
    ).toBe(2);
  });
});

describe("specwave run --watch on a terminal", () => {
  function interactiveIo(answer: string) {
    const cli = io();
    const questions: string[] = [];
    return Object.assign(cli, {
      interactive: true,
      questions,
      prompt: async (question: string) => {
        questions.push(question);
        return answer;
      },
    });
  }

  function serveRunThatWaits(after: "succeeded" | "failed") {
    answers["POST /api/v1/runs"] = { status: 201, body: { runId: RUN } };
    answers[`POST /api/v1/runs/${RUN}/approvals`] = { status: 200, body: { outcome: "applied" } };
    answers[`GET /api/v1/runs/${RUN}`] = () => {
      const decided = seen.some((s) => s.url.endsWith("/approvals"));
      if (!decided) return { status: 200, body: waitingView("awaiting_approval") };
      const done = runView({ status: after });
      done.stories = done.stories.map((story) => ({
        ...story,
        status: after === "failed" ? "failed" : "succeeded",
      }));
      return { status: 200, body: done };
    };
  }

  it("asks a person to approve, continues, and exits 0 when the run succeeds", async () => {
    serveRunThatWaits("succeeded");
    const cli = interactiveIo("");
    expect(await main(["run", "spec_abc", "--watch"], cli)).toBe(0);
    expect(cli.questions).toEqual(["Wave 1 (Foundations) is done. Continue with the next wave? [Y/n] "]);
    expect(seen.find((s) => s.url.endsWith("/approvals"))?.body).toEqual({
      waveIndex: 0,
      decision: "continue",
    });
    expect(cli.out).toContain("Approved wave 1.\n");
    expect(cli.out).toContain("  ✓ WS3 Item WS3: succeeded\n");
    expect(cli.out).toContain(`Run ${RUN}: succeeded\n`);
  });

  it("pauses on 'n', and exits 1 when the run then fails", async () => {
    serveRunThatWaits("failed");
    const cli = interactiveIo("n");
    expect(await main(["run", "spec_abc", "--watch"], cli)).toBe(1);
    expect(seen.find((s) => s.url.endsWith("/approvals"))?.body).toEqual({ waveIndex: 0, decision: "pause" });
    expect(cli.out).toContain("Paused; waiting for a resume.\n");
  });
});

describe("specwave run --watch through a server restart", () => {
  it("keeps watching while the server answers 503, then finishes", async () => {
    answers["POST /api/v1/runs"] = { status: 201, body: { runId: RUN } };
    let reads = 0;
    answers[`GET /api/v1/runs/${RUN}`] = () =>
      ++reads === 1
        ? { status: 503, body: { error: { code: "unavailable", message: "PostgreSQL is not reachable." } } }
        : { status: 200, body: runView({ status: "succeeded" }) };
    const cli = io();
    expect(await main(["run", "spec_abc", "--watch", "--no-approval"], cli)).toBe(0);
    expect(cli.err).toContain("PostgreSQL is not reachable. Retrying ...");
  }, 20_000);
});

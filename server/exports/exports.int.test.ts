import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createToken } from "../auth/tokens";
import { createUser } from "../auth/users";
import { testServices } from "../config/test-env";
import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import { startRun } from "../engine/run-start";
import { type Plan, writeBackStates } from "../planning";
import { demoProjectId } from "../projects/projects";
import type { Services } from "../runtime/services";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { applyCheckpointToPlan, toCheckpoint } from "./checkpoint";
import { ExportError } from "./errors";
import { toExecutionLog } from "./execution-log";
import { billingSpec, taskListSpec } from "./fixtures";
import { progressMetrics, toProgressMarkdown } from "./progress-markdown";
import { exportRun } from "./render";
import { toRunResult } from "./run-result";
import { type ExportSnapshot, loadRunForExport } from "./snapshot";
import { toTasksFile } from "./tasks-file";

// The route module marks itself server-only; outside Next that marker throws on import.
vi.mock("server-only", () => ({}));

let database: TestDatabase;
let harness: EngineHarness;

beforeAll(async () => {
  database = await createTestDatabase("exports");
  harness = await startEngineHarness({ databaseUrl: database.url, redisUrl: testServices.redisUrl });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

const runStatus = (runId: string) =>
  harness.services.db.run.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, currentWave: true },
  });

async function runToEnd(specId: string): Promise<string> {
  const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
  await waitFor(
    () => runStatus(runId),
    (run) => run.status === "succeeded" || run.status === "failed",
    60_000,
  );
  return runId;
}

/** What the workers stored, read straight from the step rows: the exports must say the same. */
async function storedFacts(runId: string) {
  const stories = await harness.services.db.story.findMany({
    where: { runId },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  return new Map(
    stories.map((story) => {
      const results = story.steps.map((step) => (step.result ?? {}) as Record<string, unknown>);
      const files = [...new Set(results.flatMap((result) => (result.files as string[] | undefined) ?? []))];
      const commits = results
        .map((result) => result.commit)
        .filter((c): c is string => typeof c === "string");
      type Counts = { tests?: number; total?: number; passed: number; failed: number };
      const evidence = results
        .map((result) => (result.evidence as { tests?: Counts | null } | undefined)?.tests)
        .filter((tests): tests is Counts => tests !== undefined && tests !== null)
        .map((tests) => ({
          tests: tests.tests ?? tests.total ?? 0,
          passed: tests.passed,
          failed: tests.failed,
        }));
      const stepMs = story.steps.reduce(
        (sum, step) =>
          sum +
          (step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : 0),
        0,
      );
      const testFiles = results
        .map((result) => (result.evidence as { testFile?: unknown } | undefined)?.testFile)
        .filter((file): file is string => typeof file === "string");
      return [
        story.key,
        {
          files,
          commit: commits.at(-1) ?? null,
          tests: evidence.at(-1) ?? null,
          testFile: testFiles.at(-1) ?? null,
          stepMs,
        },
      ];
    }),
  );
}

describe("exports of a run on PostgreSQL", () => {
  let runId: string;
  let snapshot: ExportSnapshot;

  beforeAll(async () => {
    runId = await runToEnd(await harness.storeSpec([billingSpec]));
    snapshot = await loadRunForExport(harness.services.db, runId);
  });

  it("reads the whole run in one snapshot", () => {
    expect(snapshot.run.status).toBe("succeeded");
    expect(snapshot.spec.format).toBe("exec-spec");
    expect(snapshot.spec.files).toEqual([billingSpec]);
    expect(snapshot.waves.map((wave) => [wave.index, wave.status])).toEqual([
      [0, "passed"],
      [1, "passed"],
      [2, "passed"],
    ]);
    expect(snapshot.stories.map((story) => [story.key, story.status, story.waveIndex])).toEqual([
      ["WS1", "succeeded", 0],
      ["WS2", "succeeded", 1],
      ["WS3", "succeeded", 1],
      ["WS4", "succeeded", 2],
    ]);
    expect(snapshot.stories.every((story) => story.steps.length > 0)).toBe(true);
    expect(snapshot.exportedAt.getTime()).toBeGreaterThanOrEqual(
      snapshot.run.finishedAt?.getTime() ?? Infinity,
    );
  });

  it("exports the checkpoint: every workstream complete, its phases and the files the workers committed", async () => {
    const checkpoint = toCheckpoint(snapshot);
    const facts = await storedFacts(runId);
    expect(checkpoint).toMatchObject({
      spec: "EXEC-SPEC-B",
      feature: "billing-emails",
      run_id: runId,
      status: "complete",
      current_phase: 3,
      completed_workstreams: ["WS1", "WS2", "WS3", "WS4"],
      in_progress_workstreams: [],
      pending_workstreams: [],
      failed_workstreams: [],
    });
    expect(checkpoint.execution_phases.map((phase) => [phase.phase, phase.parallel, phase.status])).toEqual([
      [1, ["WS1"], "passed"],
      [2, ["WS2", "WS3"], "passed"],
      [3, ["WS4"], "passed"],
    ]);
    expect(checkpoint.workstream_details.WS4).toMatchObject({
      depends_on: ["WS2", "WS3"],
      gates: ["lint", "test-pass"],
      status: "complete",
    });
    for (const [key, fact] of facts) {
      expect(fact.files.length).toBeGreaterThan(0);
      expect(checkpoint.artifacts[key]).toEqual(fact.files);
      expect(checkpoint.workstream_details[key]?.completed_at).not.toBeNull();
    }
  });

  it("lists each gate by the outcome the gate rows record", async () => {
    const rows = await harness.services.db.gateResult.findMany({
      where: { runId },
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    });
    expect(snapshot.gates.map((gate) => [gate.name, gate.status])).toEqual(
      rows.map((row) => [row.name, row.status]),
    );
    const latest = new Map(rows.map((row) => [row.name, row.status]));
    const checkpoint = toCheckpoint(snapshot);
    const listed = {
      passed: checkpoint.gates_passed,
      failed: checkpoint.gates_failed,
      skipped: checkpoint.gates_skipped,
    };
    for (const [status, names] of Object.entries(listed)) {
      expect(names).toEqual(
        [...latest]
          .filter(([, last]) => last === status)
          .map(([name]) => name)
          .sort(),
      );
    }
    // The spec names type-check, lint and test-pass: each is accounted for exactly once.
    const all = [...listed.passed, ...listed.failed, ...listed.skipped, ...checkpoint.gates_pending].sort();
    expect(all).toEqual(expect.arrayContaining(["lint", "test-pass", "type-check"]));
    expect(new Set(all).size).toBe(all.length);
    expect(checkpoint.execution_phases.map((phase) => phase.gates)).toEqual(
      snapshot.waves.map((wave) => wave.gates),
    );
  });

  it("exports execution.json with the spec's counts and three complete layers", () => {
    const entry = toExecutionLog(snapshot).specs["EXEC-SPEC-B"];
    expect(entry).toMatchObject({
      status: "completed",
      tasks_total: 4,
      tasks_completed: 4,
      tasks_failed: 0,
      remaining: 0,
      completion_percentage: 100,
      errors: [],
    });
    expect(
      Object.values(entry?.layers ?? {}).map((layer) => [layer.name, layer.status, layer.total_tasks]),
    ).toEqual([
      ["Phase 1", "complete", 1],
      ["Phase 2", "complete", 2],
      ["Phase 3", "complete", 1],
    ]);
    for (const layer of Object.values(entry?.layers ?? {})) {
      expect(layer.duration_ms).toBeGreaterThanOrEqual(0);
      for (const task of layer.tasks) expect(task.commit).toMatch(/^[0-9a-f]{7,40}$/);
    }
  });

  it("exports the run result with exactly what the steps stored: files, commit, test evidence or null", async () => {
    const result = toRunResult(snapshot);
    const facts = await storedFacts(runId);
    expect(result).toMatchObject({
      totalWaves: 3,
      totalStories: 4,
      storiesCompleted: ["WS1", "WS2", "WS3", "WS4"],
      storiesFailed: [],
      storiesRemaining: [],
    });
    for (const story of result.results) {
      const fact = facts.get(story.storyId);
      expect(story.filesModified).toEqual(fact?.files);
      expect(story.commit).toBe(fact?.commit);
      expect(story.testsPassed).toBe(fact?.tests ? fact.tests.tests > 0 && fact.tests.failed === 0 : null);
      if (fact?.testFile) expect(story.testFile).toBe(fact.testFile);
      // The EXEC-SPEC has no acceptance criteria, so there is no checklist to call complete.
      expect(story.acChecklistComplete).toBeNull();
    }
  });

  it("exports progress markdown whose speedup is the stored step time over the run's wall time", async () => {
    const facts = await storedFacts(runId);
    const metrics = progressMetrics(snapshot);
    const stepMs = [...facts.values()].reduce((sum, fact) => sum + fact.stepMs, 0);
    const wallMs = (snapshot.run.finishedAt?.getTime() ?? 0) - (snapshot.run.startedAt?.getTime() ?? 0);
    expect(metrics.stepMs).toBe(stepMs);
    expect(metrics.wallMs).toBe(wallMs);
    const markdown = toProgressMarkdown(snapshot);
    expect(markdown).toContain("## Feature: Billing emails - Parallel Execution Progress\n");
    expect(markdown).toContain(`- Parallel speedup: ${(stepMs / wallMs).toFixed(1)}x`);
    expect(markdown).toContain("- Items completed: 4/4\n");
    expect(markdown).toMatch(/\| 2 \| Phase 2 \| ✅ passed \| 2 \| 2 \| 0 \| .+ \|\n/);
    expect(markdown).toContain("- [x] WS3: Emails - done\n");
  });

  it("refuses the task file of an EXEC-SPEC, which has no checkboxes", () => {
    expect(() => toTasksFile(snapshot)).toThrow(ExportError);
  });

  it("says which run does not exist", async () => {
    await expect(loadRunForExport(harness.services.db, "run_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("the task file of a checkbox spec", () => {
  it("comes back with every task the run finished written back as done", async () => {
    const runId = await runToEnd(await harness.storeSpec([taskListSpec]));
    const document = await exportRun(harness.services.db, runId, "tasks");
    expect(document.fileName).toBe("tasks.md");
    expect(document.body).toBe(writeBackStates(taskListSpec, { "1": "done", "2": "done", "3": "done" }));
  });
});

describe("resuming from an exported checkpoint", () => {
  it("starts a run whose completed workstreams are already done and runs only the rest", async () => {
    const specId = await harness.storeSpec([billingSpec]);
    const { runId: first } = await startRun(harness.services, { specId });
    await waitFor(
      () => runStatus(first),
      (run) => run.status === "awaiting_approval",
      60_000,
    );
    const exported = (await exportRun(harness.services.db, first, "checkpoint")).body;
    expect(JSON.parse(exported).completed_workstreams).toEqual(["WS1"]);

    const spec = await harness.services.db.spec.findUniqueOrThrow({ where: { id: specId } });
    const resumedPlan = applyCheckpointToPlan(spec.plan as unknown as Plan, exported);
    const resumedSpecId = createId("spec");
    await harness.services.db.spec.create({
      data: {
        id: resumedSpecId,
        projectId: demoProjectId,
        name: `${spec.name} (resumed)`,
        format: spec.format,
        files: spec.files as Prisma.InputJsonValue,
        plan: resumedPlan as unknown as Prisma.InputJsonValue,
      },
    });
    const second = await runToEnd(resumedSpecId);
    const stories = await harness.services.db.story.findMany({
      where: { runId: second },
      include: { steps: true },
      orderBy: { key: "asc" },
    });
    expect(stories.map((story) => [story.key, story.status])).toEqual([
      ["WS1", "succeeded"],
      ["WS2", "succeeded"],
      ["WS3", "succeeded"],
      ["WS4", "succeeded"],
    ]);
    const ws1 = stories[0];
    expect(ws1?.steps.every((step) => step.status === "skipped" && step.attempts === 0)).toBe(true);
    expect(stories.slice(1).every((story) => story.steps.some((step) => step.attempts > 0))).toBe(true);
  });
});

describe("GET /api/v1/runs/:runId/export", () => {
  let runId: string;
  let token: string;
  let GET: (request: Request, context: { params: Promise<{ runId: string }> }) => Promise<Response>;

  beforeAll(async () => {
    runId = await runToEnd(await harness.storeSpec([billingSpec]));
    // app-services keeps the web process's services here; handing it the harness's makes the
    // route read this test's database instead of connecting from the environment.
    (globalThis as unknown as { specwaveServices?: Promise<Services> }).specwaveServices = Promise.resolve(
      harness.services,
    );
    ({ GET } = await import("@/app/api/v1/runs/[runId]/export/route"));
    // A viewer of the run's project, with an API token, as the CLI would call it.
    const viewer = await createUser(harness.services.db, {
      email: "viewer@example.com",
      name: "Viewer",
      password: "long enough password",
    });
    const run = await harness.services.db.run.findUniqueOrThrow({
      where: { id: runId },
      select: { projectId: true },
    });
    await harness.services.db.membership.create({
      data: { projectId: run.projectId, userId: viewer.id, role: "viewer" },
    });
    token = (await createToken(harness.services.db, viewer.id, "exports test")).token;
  });

  afterAll(() => {
    (globalThis as unknown as { specwaveServices?: Promise<Services> }).specwaveServices = undefined;
  });

  const get = (id: string, query: string) =>
    GET(
      new Request(`http://localhost/api/v1/runs/${id}/export?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
      {
        params: Promise.resolve({ runId: id }),
      },
    );

  it("downloads the progress markdown as an attachment", async () => {
    const response = await get(runId, "format=progress");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="execution-progress.md"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    expect(body).toContain("- Items completed: 4/4\n");
    expect(body).toContain(`Run \`${runId}\` · status succeeded`);
  });

  it("downloads the checkpoint JSON under the spec's id", async () => {
    const response = await get(runId, "format=checkpoint");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="EXEC-SPEC-B.checkpoint.json"',
    );
    expect((await response.json()).completed_workstreams).toEqual(["WS1", "WS2", "WS3", "WS4"]);
  });

  it("answers a bad format 400, an unknown run 404, and a task file for an EXEC-SPEC 409 with the reason", async () => {
    const bad = await get(runId, "format=csv");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");

    const missing = await get("run_missing", "format=result");
    expect(missing.status).toBe(404);

    const tasks = await get(runId, "format=tasks");
    expect(tasks.status).toBe(409);
    expect((await tasks.json()).error).toMatchObject({
      code: "invalid_state",
      details: { reason: "no_checkboxes" },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoAgent } from "../agents/demo";
import type { AgentAdapter } from "../agents/types";
import { testServices } from "../config/test-env";
import type { Prisma } from "../db/generated/client";
import { demoProjectConfig } from "../projects/project-config";
import { demoProjectId } from "../projects/projects";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { cancelRun, resolveManualStory, retryStory, skipStory } from "./actions";
import { startRun } from "./run-start";

let database: TestDatabase;
let harness: EngineHarness;

/** Fails an item's implementer the first time for every FLAKY item, and always for BAD. */
const flakyAttempts = new Map<string, number>();
const demo = createDemoAgent({
  durationMs: { min: 5, max: 30 },
  failItems: ["BAD", "TWICE@2"],
  lieItems: ["LIAR"],
});
const agent: AgentAdapter = {
  name: "demo",
  async run(task) {
    if (task.role === "implementer" && task.item.id.startsWith("FLAKY")) {
      const seen = flakyAttempts.get(task.item.id) ?? 0;
      flakyAttempts.set(task.item.id, seen + 1);
      if (seen === 0) {
        return {
          exitCode: 2,
          claimedDone: false,
          summary: "flaky failure",
          outputTail: "",
          claimedFiles: [],
          durationMs: 1,
          timedOut: false,
          cancelled: false,
        };
      }
    }
    if (task.item.id.startsWith("SLOW")) await new Promise((resolve) => setTimeout(resolve, 20_000));
    if (task.role === "implementer" && task.item.id.startsWith("TAIL")) {
      for (const line of ["compiling", "running the tests"]) {
        task.onOutput(`${line}\n`);
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    }
    return demo.run(task);
  },
};

beforeAll(async () => {
  database = await createTestDatabase("actions");
  harness = await startEngineHarness({ databaseUrl: database.url, redisUrl: testServices.redisUrl, agent });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

function execSpec(
  name: string,
  items: Record<string, string[]>,
  phases: string[][],
  extra = "",
): { name: string; content: string } {
  const lines = ["---", `spec: ${name}`, "workstreams:"];
  for (const [id, deps] of Object.entries(items)) {
    lines.push(
      `  ${id}:`,
      `    name: ${id} work`,
      "    agent: backend-developer",
      `    depends_on: [${deps.join(", ")}]`,
    );
  }
  lines.push(
    "execution_phases:",
    ...phases.map((phase) => `  - parallel: [${phase.join(", ")}]`),
    extra,
    "---",
    "",
  );
  return { name: `${name}.md`, content: lines.filter((line) => line !== "").join("\n") };
}

const finalRun = (runId: string) =>
  waitFor(
    () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
    (run) => ["succeeded", "failed", "cancelled"].includes(run.status),
    120_000,
  );
const storyStates = async (runId: string) =>
  Object.fromEntries(
    (await harness.services.db.story.findMany({ where: { runId } })).map((story) => [
      story.key,
      story.status,
    ]),
  );

describe("failures, retries and a person's actions", () => {
  it("lenient: other items go on, the failed item's dependents are skipped, the run reports the failure", async () => {
    const specId = await harness.storeSpec([
      execSpec("EXEC-SPEC-LENIENT", { BAD: [], GOOD: [], AFTER: ["BAD"], OTHER: ["GOOD"] }, [
        ["BAD", "GOOD"],
        ["AFTER", "OTHER"],
      ]),
    ]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", strict: false },
    });
    const run = await finalRun(runId);
    expect(run.status).toBe("failed");
    expect(await storyStates(runId)).toEqual({
      BAD: "failed",
      GOOD: "succeeded",
      AFTER: "skipped",
      OTHER: "succeeded",
    });
    const after = await harness.services.db.story.findFirstOrThrow({ where: { runId, key: "AFTER" } });
    expect(after.error).toBe("blocked: BAD failed");
    const badStory = await harness.services.db.story.findFirstOrThrow({ where: { runId, key: "BAD" } });
    expect(badStory.error).toMatch(
      /the agent exited with 1: .* Suggested fix: the agent failed: read its log/,
    );
    const bad = await harness.services.db.step.findFirstOrThrow({
      where: { runId, story: { key: "BAD" }, kind: "implement" },
    });
    expect(bad.attempts).toBe(2); // retried once by policy before the item failed
    expect(await harness.services.db.attempt.count({ where: { stepId: bad.id, status: "failed" } })).toBe(2);
  });

  it("retries a flaky step by policy, and a person retries an item that ran out of attempts", async () => {
    const specId = await harness.storeSpec([
      execSpec("EXEC-SPEC-RETRY", { FLAKY1: [], NEXT: ["FLAKY1"] }, [["FLAKY1"], ["NEXT"]]),
    ]);
    const auto = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
    expect((await finalRun(auto.runId)).status).toBe("succeeded");

    flakyAttempts.clear();
    const manual = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", maxAttempts: 1 },
    });
    const failed = await finalRun(manual.runId);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^FLAKY1: the agent exited with 2/);
    expect((await storyStates(manual.runId)).NEXT).toBe("pending");

    await retryStory(harness.services, manual.runId, "FLAKY1");
    const retried = await finalRun(manual.runId);
    expect(retried.status).toBe("succeeded");
    expect(await storyStates(manual.runId)).toEqual({ FLAKY1: "succeeded", NEXT: "succeeded" });
    await expect(retryStory(harness.services, manual.runId, "FLAKY1")).rejects.toThrow(/only a failed item/);
  });

  it("an item whose implementer fails its first two attempts fails the run, and a retry's third attempt succeeds", async () => {
    // Strict: the run stops with the item's worktree in place, so the retry runs only the
    // failed step (the next test covers a lenient run that ended).
    const specId = await harness.storeSpec([execSpec("EXEC-SPEC-TWICE", { TWICE: [] }, [["TWICE"]])]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", strict: true },
    });
    const failed = await finalRun(runId);
    expect(failed.status).toBe("failed");
    const implement = () =>
      harness.services.db.step.findFirstOrThrow({ where: { runId, kind: "implement" } });
    expect(await implement()).toMatchObject({ status: "failed", attempts: 2 });

    await retryStory(harness.services, runId, "TWICE");
    expect((await finalRun(runId)).status).toBe("succeeded");
    expect(await storyStates(runId)).toEqual({ TWICE: "succeeded" });
    expect(await implement()).toMatchObject({ status: "succeeded", attempts: 3 });
  });

  it("in a lenient run that has ended, a retry runs the failed item again from its tests and it succeeds", async () => {
    const specId = await harness.storeSpec([
      execSpec("EXEC-SPEC-TWICE-LENIENT", { TWICE: [], FINE: [] }, [["TWICE", "FINE"]]),
    ]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", strict: false },
    });
    expect((await finalRun(runId)).status).toBe("failed");
    expect(await storyStates(runId)).toEqual({ TWICE: "failed", FINE: "succeeded" });

    await retryStory(harness.services, runId, "TWICE");
    expect((await finalRun(runId)).status).toBe("succeeded");
    expect(await storyStates(runId)).toEqual({ TWICE: "succeeded", FINE: "succeeded" });
    const steps = await harness.services.db.step.findMany({
      where: { runId, story: { key: "TWICE" } },
      orderBy: { position: "asc" },
    });
    expect(steps.map((step) => [step.kind, step.status])).toEqual([
      ["test_author", "succeeded"],
      ["implement", "succeeded"],
      ["verify", "succeeded"],
    ]);
    expect(steps[0]?.attempts).toBe(2);
  });

  it("a person skips a failed item and the run goes on", async () => {
    const specId = await harness.storeSpec([
      execSpec("EXEC-SPEC-SKIP", { BAD: [], AFTER: ["BAD"] }, [["BAD"], ["AFTER"]]),
    ]);
    const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
    expect((await finalRun(runId)).status).toBe("failed");
    // AFTER depends on BAD: skipping BAD needs the person's confirmation, and without it nothing changes.
    const refused = await skipStory(harness.services, runId, "BAD", "pm@example.com").catch((error) => error);
    expect(refused).toMatchObject({
      code: "conflict",
      details: { reason: "dependents_need_confirmation", dependents: ["AFTER"] },
    });
    expect(refused.message).toContain("AFTER");
    expect(await storyStates(runId)).toEqual({ BAD: "failed", AFTER: "pending" });
    expect((await harness.services.db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("failed");
    await skipStory(harness.services, runId, "BAD", "pm@example.com", { confirmed: true });
    expect((await finalRun(runId)).status).toBe("succeeded");
    expect(await storyStates(runId)).toEqual({ BAD: "skipped", AFTER: "succeeded" });
  });

  it("a run started from an exported checkpoint skips the completed items", async () => {
    const specId = await harness.storeSpec([
      execSpec("EXEC-SPEC-RESUME", { ONE: [], TWO: ["ONE"] }, [["ONE"], ["TWO"]]),
    ]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic" },
      checkpoint: { spec: "EXEC-SPEC-RESUME", completed_workstreams: ["ONE"], pending_workstreams: ["TWO"] },
    });
    expect((await finalRun(runId)).status).toBe("succeeded");
    const one = await harness.services.db.step.findMany({ where: { runId, story: { key: "ONE" } } });
    expect(one.every((step) => step.status === "skipped" && step.attempts === 0)).toBe(true);
    const two = await harness.services.db.step.findFirstOrThrow({
      where: { runId, story: { key: "TWO" }, kind: "verify" },
    });
    expect(two.status).toBe("succeeded");
  });

  it("a manual item waits for a person, who marks it done", async () => {
    const taskList = {
      name: "tasks.md",
      content:
        "# Tasks\n\n- [ ] 1. Write the code\n- [ ] 2. [manual] Check the release notes\n  - _Depends: 1_\n",
    };
    const specId = await harness.storeSpec([taskList]);
    const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
    await waitFor(
      () => storyStates(runId),
      (states) => states["2"] === "waiting_for_human",
      60_000,
    );
    await expect(resolveManualStory(harness.services, runId, "1", true, "pm")).rejects.toThrow(
      /not possible now/,
    );
    await resolveManualStory(harness.services, runId, "2", true, "pm");
    expect((await finalRun(runId)).status).toBe("succeeded");
  });

  it("a running agent's output tail is stored on its step and announced while it runs", async () => {
    const specId = await harness.storeSpec([execSpec("EXEC-SPEC-TAIL", { TAIL1: [] }, [["TAIL1"]])]);
    const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
    const implement = () =>
      harness.services.db.step.findFirstOrThrow({ where: { runId, kind: "implement" } });
    const running = await waitFor(
      implement,
      (step) => step.status === "running" && step.log.includes("compiling"),
      60_000,
    );
    expect(running.log).not.toContain("running the tests");
    await waitFor(
      implement,
      (step) => step.status === "running" && step.log.includes("running the tests"),
      10_000,
    );
    expect((await finalRun(runId)).status).toBe("succeeded");
    // Each tail holds the whole end of the output: the log keeps only a step's latest one.
    const events = await harness.services.db.event.findMany({ where: { runId, type: "step:output" } });
    const steps = events.map((event) => (event.payload as { stepId: string }).stepId);
    expect(new Set(steps).size).toBe(steps.length);
    const latest = events.find((event) => (event.payload as { stepId: string }).stepId === running.id);
    const tail = (latest?.payload as { tail: string } | undefined)?.tail ?? "";
    expect(tail).toContain("compiling\n");
    expect(tail).toContain("running the tests\n");
    // The completed step keeps its whole log, including what came after the last live tail.
    expect((await implement()).log).toContain("demo implementer: wrote");
  });

  it("cancelling stops the running agent within 5 seconds and starts nothing new", async () => {
    const specId = await harness.storeSpec([
      execSpec("EXEC-SPEC-CANCEL", { SLOW1: [], AFTER: ["SLOW1"] }, [["SLOW1"], ["AFTER"]]),
    ]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", tdd: false },
    });
    await waitFor(
      () => storyStates(runId),
      (states) => states.SLOW1 === "running",
      60_000,
    );
    expect(await cancelRun(harness.services, runId, "pm")).toBe("cancelled");
    const attempt = await waitFor(
      () => harness.services.db.attempt.findFirstOrThrow({ where: { story: { runId, key: "SLOW1" } } }),
      (current) => current.status === "cancelled",
      5_000,
    );
    expect(attempt.status).toBe("cancelled");
    expect(await storyStates(runId)).toEqual({ SLOW1: "skipped", AFTER: "skipped" });
    expect(await cancelRun(harness.services, runId, "pm")).toBe("already_final");
  });

  it("an agent that claims success while its tests fail leaves the item failed, with the evidence", async () => {
    const specId = await harness.storeSpec([execSpec("EXEC-SPEC-LIAR", { LIAR: [] }, [["LIAR"]])]);
    const { runId } = await startRun(harness.services, {
      specId,
      settings: { approval: "automatic", maxAttempts: 1 },
    });
    const run = await finalRun(runId);
    expect(run.status).toBe("failed");
    const implement = await harness.services.db.step.findFirstOrThrow({
      where: { runId, kind: "implement" },
    });
    expect(implement.status).toBe("succeeded");
    expect((implement.result as { claimedDone: boolean }).claimedDone).toBe(true);
    const verify = await harness.services.db.step.findFirstOrThrow({ where: { runId, kind: "verify" } });
    expect(verify.status).toBe("failed");
    expect(verify.error).toMatch(/exited with code 1/);
    expect(verify.error).toMatch(/1 of 2 tests failed/);
    const evidence = (verify.result as { evidence: { tests: { failed: number }; commit: string | null } })
      .evidence;
    expect(evidence.tests.failed).toBe(1);
    expect(evidence.commit).toBeNull();
  });

  it("a failing gate stops a strict run, and a spec's own gate command is shown but not run", async () => {
    await harness.services.db.project.update({
      where: { id: demoProjectId },
      data: {
        config: {
          ...demoProjectConfig,
          gates: {
            ...demoProjectConfig.gates,
            "always-fails": { command: "node", args: ["-e", "process.exit(3)"], timeoutSeconds: 60 },
          },
        } as unknown as Prisma.InputJsonValue,
      },
    });
    try {
      const spec = {
        name: "EXEC-SPEC-GATE.md",
        content: [
          "---",
          "spec: EXEC-SPEC-GATE",
          "workstreams:",
          "  ONE:",
          "    name: One",
          "    agent: backend-developer",
          "    depends_on: []",
          "    gate: from-spec",
          "  TWO:",
          "    name: Two",
          "    agent: backend-developer",
          "    depends_on: [ONE]",
          "execution_phases:",
          "  - name: First",
          "    parallel: [ONE]",
          "    gates: [always-fails]",
          "  - parallel: [TWO]",
          "gates:",
          "  from-spec:",
          "    command: rm -rf /tmp/should-never-run",
          "---",
          "",
        ].join("\n"),
      };
      const specId = await harness.storeSpec([spec]);
      const { runId } = await startRun(harness.services, { specId, settings: { approval: "automatic" } });
      const run = await finalRun(runId);
      expect(run.status).toBe("failed");
      expect(run.error).toBe("a gate of wave 1 failed");
      const gates = await harness.services.db.gateResult.findMany({
        where: { runId },
        orderBy: { name: "asc" },
      });
      const byName = Object.fromEntries(gates.map((gate) => [gate.name, gate]));
      expect(byName["always-fails"]).toMatchObject({ status: "failed", exitCode: 3 });
      expect(byName["from-spec"]).toMatchObject({ status: "skipped", exitCode: null });
      expect(byName["from-spec"]?.command).toContain("rm -rf /tmp/should-never-run");
      expect(byName["clean-worktree"]?.status).toBe("passed");
      expect((await storyStates(runId)).TWO).toBe("pending");
    } finally {
      await harness.services.db.project.update({
        where: { id: demoProjectId },
        data: { config: demoProjectConfig as unknown as Prisma.InputJsonValue },
      });
    }
  });
});

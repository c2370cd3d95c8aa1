import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testServices } from "../config/test-env";
import { startRun } from "../engine/run-start";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { type EngineHarness, startEngineHarness, waitFor } from "../testing/engine-harness";
import { gitWorkspaces } from "./item-workspace";

/**
 * A role configured to run a coding-agent CLI really runs it in the item's worktree: here the
 * Claude Code stand-in (which speaks Claude Code's stream-json), with the complex model because
 * the item touches payments. The CLI's claim is recorded; verification still decides.
 */
let database: TestDatabase;
let harness: EngineHarness;
const agentsFile = path.join(os.tmpdir(), `specwave-agents-${process.pid}.json`);

beforeAll(async () => {
  writeFileSync(
    agentsFile,
    JSON.stringify({
      agents: {
        claude: {
          preset: "claude-code",
          command: path.resolve(import.meta.dirname, "../agents/testing/fake-claude"),
        },
      },
      roles: {
        default: { agent: "demo" },
        implementer: { agent: "claude", model: "claude-sonnet", complexModel: "claude-opus" },
      },
    }),
  );
  database = await createTestDatabase("agents");
  harness = await startEngineHarness({
    databaseUrl: database.url,
    redisUrl: testServices.redisUrl,
    agentsFile,
  });
});

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

it("runs the configured CLI for the implementer, with the complex model for a payments item", async () => {
  const spec = {
    name: "EXEC-SPEC-PAY.md",
    content: [
      "---",
      "spec: EXEC-SPEC-PAY",
      "workstreams:",
      "  PAY1:",
      "    name: Payments refund endpoint",
      "    agent: backend-developer",
      "    depends_on: []",
      "    outputs: [src/refund.ts]",
      "execution_phases:",
      "  - parallel: [PAY1]",
      "---",
      "",
    ].join("\n"),
  };
  const specId = await harness.storeSpec([spec]);
  const { runId } = await startRun(harness.services, {
    specId,
    settings: { approval: "automatic", tdd: false, maxAttempts: 1 },
  });
  await waitFor(
    () => harness.services.db.run.findUniqueOrThrow({ where: { id: runId } }),
    (run) => run.status === "failed" || run.status === "succeeded",
    60_000,
  );
  const implement = await harness.services.db.step.findFirstOrThrow({ where: { runId, kind: "implement" } });
  expect(implement.status).toBe("succeeded");
  expect(implement.result).toMatchObject({ claimedDone: true, files: ["src/refund.ts"] });

  // The stand-in records how it was called, in the item's worktree.
  const worktree = await gitWorkspaces().createItemWorktree(
    path.join(harness.config.dataDir, "workspaces", "demo"),
    `specwave/run-${runId}`,
    "PAY1",
  );
  const invocation = JSON.parse(
    readFileSync(path.join(worktree.path, ".fake-agent", "invocation.json"), "utf8"),
  ) as {
    argv: string[];
    cwd: string;
  };
  expect(invocation.argv).toEqual(
    expect.arrayContaining(["-p", "--output-format", "stream-json", "--model", "claude-opus"]),
  );
  expect(realpathSync(invocation.cwd)).toBe(realpathSync(worktree.path));
  const prompt = readFileSync(path.join(worktree.path, ".fake-agent", "prompt.txt"), "utf8");
  expect(prompt).toContain("Payments refund endpoint");

  // The stand-in wrote no tests: its claim is not evidence, so verification fails the item.
  const verify = await harness.services.db.step.findFirstOrThrow({ where: { runId, kind: "verify" } });
  expect(verify.status).toBe("failed");
});

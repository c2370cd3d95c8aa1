import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { processEnvironment } from "../config/env";
import { type CommandAdapterConfig, createCommandAdapter } from "./command-adapter";
import { AgentConfigError } from "./errors";
import { AIDER_PRESET, CLAUDE_CODE_PRESET } from "./presets";
import { isProcessAlive } from "./process-tree";
import { makeTask, standIn, type TaskHarness } from "./testing/task-fixtures";

const execFileAsync = promisify(execFile);
const baseEnv = {
  PATH: processEnvironment().PATH,
  HOME: processEnvironment().HOME,
  SPECWAVE_SECRET_TEST: "1",
};
const claude = (overrides: Partial<CommandAdapterConfig> = {}): CommandAdapterConfig => ({
  ...CLAUDE_CODE_PRESET,
  command: standIn("fake-claude"),
  model: "claude-sonnet-4-5",
  ...overrides,
});

let harness: TaskHarness | undefined;
const spawnedPids: number[] = [];
afterEach(async () => {
  // A failed assertion must not leave sleeping processes behind on the test machine.
  for (const pid of spawnedPids.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  // Cancelling also stops an agent whose test failed before its pids were known.
  harness?.controller.abort();
  await harness?.cleanup();
  harness = undefined;
});

async function recordedPids(h: TaskHarness): Promise<{ child: number; grandchild: number }> {
  const file = path.join(h.workspaceDir, ".fake-agent", "pids.json");
  for (let waited = 0; waited < 10_000 && !existsSync(file); waited += 50) await sleep(50);
  const pids = JSON.parse(await readFile(file, "utf8")) as { child: number; grandchild: number };
  spawnedPids.push(pids.child, pids.grandchild);
  return pids;
}

describe("environment allowlist", () => {
  it("hides the server's variables from the agent unless they are allowlisted", async () => {
    harness = await makeTask();
    await createCommandAdapter(claude({ envAllowlist: [] }), { parentEnv: baseEnv }).run(harness.task);
    const hidden = (await harness.invocation()).env;
    expect(hidden.SPECWAVE_SECRET_TEST).toBeUndefined();
    expect(hidden.PATH).toBe(baseEnv.PATH);
    expect(hidden.HOME).toBe(baseEnv.HOME);
    // Nothing else from the parent: only PATH, HOME, the preset's fixed NO_COLOR (node may add its own).
    expect(Object.keys(hidden).filter((name) => !["PATH", "HOME", "NO_COLOR"].includes(name))).toEqual([]);

    await harness.cleanup();
    harness = await makeTask();
    await createCommandAdapter(claude({ envAllowlist: ["SPECWAVE_SECRET_TEST"] }), {
      parentEnv: baseEnv,
    }).run(harness.task);
    expect((await harness.invocation()).env.SPECWAVE_SECRET_TEST).toBe("1");
  });
});

describe("output cap", () => {
  it("streams up to the cap, drops the middle, keeps and reports the tail", async () => {
    harness = await makeTask();
    const cap = 64 * 1024;
    const tail = 4 * 1024;
    const flood = 2_000_000;
    const result = await createCommandAdapter(
      claude({ envAllowlist: ["FAKE_AGENT_MODE", "FAKE_FLOOD_BYTES"], outputCapBytes: cap, tailBytes: tail }),
      { parentEnv: { ...baseEnv, FAKE_AGENT_MODE: "flood", FAKE_FLOOD_BYTES: String(flood) } },
    ).run(harness.task);

    const log = harness.output.join("");
    expect(Buffer.byteLength(log)).toBeLessThan(cap + tail + 1024);
    expect(log).toMatch(/\[specwave\] \d+ bytes of output dropped; the last 4096 bytes follow/);
    expect(result.droppedOutputBytes).toBeGreaterThan(flood - cap - tail - 1024);
    // The log's tail and the result's tail end with the CLI's final line, shown readably.
    expect(log.trimEnd().split("\n").at(-1)).toBe("[result] success, 3 turns, $0.0123");
    expect(Buffer.byteLength(result.outputTail)).toBeLessThanOrEqual(tail);
    expect(result.outputTail).toContain("[tool] Write ");
    // The parser still saw the whole run.
    expect(result.claimedDone).toBe(true);
    expect(result.claimedFiles).toEqual(["src/auth/rate-limit.ts"]);
  });
});

describe("process tree", () => {
  const treeEnv = { ...baseEnv, FAKE_AGENT_MODE: "tree", FAKE_IGNORE_TERM: "1" };
  const treeConfig = claude({ envAllowlist: ["FAKE_AGENT_MODE", "FAKE_IGNORE_TERM"], killGraceMs: 500 });

  it("kills the whole tree on timeout, escalating to SIGKILL", async () => {
    harness = await makeTask();
    const timeoutMs = 2_000;
    const started = performance.now();
    const running = createCommandAdapter({ ...treeConfig, timeoutMs }, { parentEnv: treeEnv }).run(
      harness.task,
    );
    const pids = await recordedPids(harness);
    expect(isProcessAlive(pids.grandchild)).toBe(true);
    const result = await running;

    // From the moment the timeout fired to a dead tree (the brief's bound), grace period included.
    expect(performance.now() - started - timeoutMs).toBeLessThan(5_000);
    expect(result.timedOut).toBe(true);
    expect(result.cancelled).toBe(false);
    expect(result.claimedDone).toBe(false);
    expect(result.failure?.kind).toBe("timed-out");
    expect(result.exitCode).toBe(137); // 128 + SIGKILL: the child ignored SIGTERM
    expect(result.outputTail).toContain("started a long-running tool");
    expect(isProcessAlive(pids.child)).toBe(false);
    expect(isProcessAlive(pids.grandchild)).toBe(false);
  });

  it("kills the whole tree when the step is cancelled", async () => {
    harness = await makeTask();
    const running = createCommandAdapter({ ...treeConfig, timeoutMs: 60_000 }, { parentEnv: treeEnv }).run(
      harness.task,
    );
    const pids = await recordedPids(harness);
    const abortedAt = performance.now();
    harness.controller.abort();
    const result = await running;

    expect(performance.now() - abortedAt).toBeLessThan(5_000);
    expect(result.cancelled).toBe(true);
    expect(result.timedOut).toBe(false);
    expect(result.failure?.kind).toBe("cancelled");
    expect(isProcessAlive(pids.child)).toBe(false);
    expect(isProcessAlive(pids.grandchild)).toBe(false);
  });

  it("cleans up what a finished agent left running", async () => {
    harness = await makeTask();
    const result = await createCommandAdapter(
      claude({ envAllowlist: ["FAKE_AGENT_MODE"], killGraceMs: 500 }),
      {
        parentEnv: { ...baseEnv, FAKE_AGENT_MODE: "orphan" },
      },
    ).run(harness.task);
    const pids = await recordedPids(harness);

    expect(result.exitCode).toBe(0);
    expect(result.claimedDone).toBe(true);
    expect(isProcessAlive(pids.grandchild)).toBe(false);
  });

  it("kills the agents of a worker process that exits mid-run", async () => {
    harness = await makeTask();
    const script = fileURLToPath(new URL("./testing/exit-mid-run.ts", import.meta.url));
    const { stdout } = await execFileAsync(process.execPath, [
      "--import",
      "tsx",
      script,
      harness.workspaceDir,
      baseEnv.PATH ?? "",
    ]);
    const pids = JSON.parse(stdout) as { child: number; grandchild: number };
    spawnedPids.push(pids.child, pids.grandchild);
    // SIGKILL was sent synchronously on exit; give the kernel a moment to tear the processes down.
    for (let waited = 0; waited < 2_000 && isProcessAlive(pids.grandchild); waited += 50) await sleep(50);
    expect(isProcessAlive(pids.child)).toBe(false);
    expect(isProcessAlive(pids.grandchild)).toBe(false);
  });

  it("does not start an agent when the step is cancelled while its prompt is prepared", async () => {
    harness = await makeTask();
    const running = createCommandAdapter(claude(), { parentEnv: baseEnv }).run(harness.task);
    harness.controller.abort();
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(existsSync(path.join(harness.workspaceDir, ".fake-agent"))).toBe(false);
  });

  it("does not start an agent for a step that is already cancelled", async () => {
    harness = await makeTask();
    harness.controller.abort();
    const result = await createCommandAdapter(claude(), { parentEnv: baseEnv }).run(harness.task);
    expect(result.cancelled).toBe(true);
    expect(result.argv).toEqual([]);
    expect(existsSync(path.join(harness.workspaceDir, ".fake-agent"))).toBe(false);
  });
});

describe("failures before or around the CLI", () => {
  it("reports a missing executable as a failed start", async () => {
    harness = await makeTask();
    const result = await createCommandAdapter(claude({ command: "/nonexistent/specwave-agent" }), {
      parentEnv: baseEnv,
    }).run(harness.task);
    expect(result.failure?.kind).toBe("spawn-failed");
    expect(result.summary).toContain("ENOENT");
    expect(result.claimedDone).toBe(false);
  });

  it("reports a missing workspace without running anything", async () => {
    harness = await makeTask();
    const task = { ...harness.task, workspaceDir: path.join(harness.workspaceDir, "missing") };
    const result = await createCommandAdapter(claude(), { parentEnv: baseEnv }).run(task);
    expect(result.failure).toEqual({
      kind: "spawn-failed",
      message: `workspace ${task.workspaceDir} is not a directory`,
    });
  });

  it("treats a CLI-reported error as a failure even with exit code 0", async () => {
    harness = await makeTask();
    // A wrapper that prints Claude's error result line and exits 0.
    const line = JSON.stringify({
      type: "result",
      subtype: "error_max_turns",
      is_error: true,
      num_turns: 30,
    });
    const result = await createCommandAdapter(
      claude({ command: process.execPath, args: ["-e", `console.log(${JSON.stringify(line)})`] }),
      { parentEnv: baseEnv },
    ).run(harness.task);
    expect(result.exitCode).toBe(0);
    expect(result.claimedDone).toBe(false);
    expect(result.failure?.kind).toBe("cli-error");
    expect(result.summary).toContain("error_max_turns");
  });

  it("makes claimed paths workspace-relative and keeps claims outside it visible", async () => {
    harness = await makeTask();
    const files = [path.join(harness.workspaceDir, "src/a.ts"), "./src/a.ts", "src/b.ts", "/etc/passwd"];
    const text = `Done.\nSPECWAVE-REPORT ${JSON.stringify({ done: true, summary: "ok", files })}`;
    const line = JSON.stringify({ type: "result", subtype: "success", is_error: false, result: text });
    const result = await createCommandAdapter(
      claude({ command: process.execPath, args: ["-e", `console.log(${JSON.stringify(line)})`] }),
      { parentEnv: baseEnv },
    ).run(harness.task);
    const outside = path.relative(harness.workspaceDir, "/etc/passwd");
    expect(outside.startsWith("..")).toBe(true);
    expect(result.claimedFiles).toEqual(["src/a.ts", "src/b.ts", outside]);
  });

  it("writes the prompt file privately outside the workspace and removes it afterwards", async () => {
    harness = await makeTask();
    const result = await createCommandAdapter(
      { ...AIDER_PRESET, command: standIn("fake-aider"), model: "sonnet" },
      { parentEnv: baseEnv },
    ).run(harness.task);
    const promptFile = result.argv[result.argv.indexOf("--message-file") + 1] ?? "";
    expect(path.isAbsolute(promptFile)).toBe(true);
    expect(promptFile.startsWith(harness.workspaceDir)).toBe(false);
    expect(existsSync(promptFile)).toBe(false);
    expect(await harness.receivedPrompt()).toContain(harness.task.item.title);
  });

  it("refuses a configuration whose arguments need a model it was not given", () => {
    expect(() => createCommandAdapter({ ...CLAUDE_CODE_PRESET })).toThrow(AgentConfigError);
  });
});

import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { processEnvironment } from "../config/env";
import { createCommandAdapter } from "./command-adapter";
import type { CommandAgentConfigInput } from "./config";
import {
  AIDER_PRESET,
  CLAUDE_CODE_PRESET,
  CODEX_PRESET,
  describeCommand,
  GEMINI_CLI_PRESET,
} from "./presets";
import { makeTask, standIn, type TaskHarness } from "./testing/task-fixtures";

/**
 * Each preset, unchanged except for the binary, against a stand-in that reads the prompt the way the
 * real CLI does and prints that CLI's documented output format.
 */

const parentEnv = {
  PATH: processEnvironment().PATH,
  HOME: processEnvironment().HOME,
  SPECWAVE_SECRET_TEST: "1",
  ANTHROPIC_API_KEY: "sk-ant-test",
  OPENAI_API_KEY: "sk-openai-test",
  GEMINI_API_KEY: "gemini-test",
};

const cases = [
  {
    preset: CLAUDE_CODE_PRESET,
    standIn: "fake-claude",
    model: "claude-sonnet-4-5",
    key: "ANTHROPIC_API_KEY",
  },
  { preset: CODEX_PRESET, standIn: "fake-codex", model: "gpt-5-codex", key: "OPENAI_API_KEY" },
  { preset: GEMINI_CLI_PRESET, standIn: "fake-gemini", model: "gemini-2.5-pro", key: "GEMINI_API_KEY" },
  { preset: AIDER_PRESET, standIn: "fake-aider", model: "sonnet", key: "ANTHROPIC_API_KEY" },
] as const;

let harness: TaskHarness | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function adapterFor(
  preset: CommandAgentConfigInput,
  fake: Parameters<typeof standIn>[0],
  model: string,
  options: { envAllowlist?: string[]; env?: Record<string, string> } = {},
) {
  return createCommandAdapter(
    {
      ...preset,
      command: standIn(fake),
      model,
      ...(options.envAllowlist ? { envAllowlist: options.envAllowlist } : {}),
    },
    { parentEnv: { ...parentEnv, ...options.env } },
  );
}

describe.each(cases)("$preset.name preset", ({ preset, standIn: fake, model, key }) => {
  it("runs in the workspace, passes the prompt the CLI's way and parses its output", async () => {
    harness = await makeTask({ testFile: "src/auth/rate-limit.test.ts" });
    const result = await adapterFor(preset, fake, model).run(harness.task);

    expect(result.failure).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.claimedDone).toBe(true);
    expect(result.summary).toBe("Implemented src/auth/rate-limit.ts.");
    expect(result.claimedFiles).toEqual(["src/auth/rate-limit.ts"]);
    expect(result.timedOut).toBe(false);
    expect(result.cancelled).toBe(false);
    // The stand-in really wrote the file it claims, in the workspace.
    expect(await readFile(path.join(harness.workspaceDir, "src/auth/rate-limit.ts"), "utf8")).toContain(
      "answer",
    );

    const prompt = await harness.receivedPrompt();
    const item = harness.task.item;
    for (const text of [
      item.id,
      item.title,
      item.body,
      ...item.acceptanceCriteria,
      ...item.outputs,
      ...item.requirements,
      ...item.constraints,
      "Attempts are limited per client address.",
      "src/auth/rate-limit.test.ts",
      "You are the implementer",
    ]) {
      expect(prompt).toContain(text);
    }

    const invocation = await harness.invocation();
    expect(invocation.cwd).toBe(harness.workspaceDir);
    expect(invocation.argv).toContain(model);
    expect(invocation.env[key]).toBe(parentEnv[key]);
    expect(invocation.env.SPECWAVE_SECRET_TEST).toBeUndefined();
    expect(invocation.env.NO_COLOR).toBe("1");
    expect(harness.output.join("")).not.toBe("");
  });

  it("turns a failing CLI into a failed result with the output tail", async () => {
    harness = await makeTask();
    const adapter = adapterFor(preset, fake, model, {
      envAllowlist: [key, "FAKE_AGENT_MODE"],
      env: { FAKE_AGENT_MODE: "fail" },
    });
    const result = await adapter.run(harness.task);

    expect(result.exitCode).toBe(3);
    expect(result.claimedDone).toBe(false);
    expect(result.failure?.kind).toBe("exit-code");
    expect(result.summary).toContain(`${preset.name} exited with code 3`);
    expect(result.outputTail).toContain("fake: something went wrong talking to the model");
    expect(result.claimedFiles).toEqual([]);
  });
});

describe.each([
  { preset: CLAUDE_CODE_PRESET, fake: "fake-claude" },
  { preset: CODEX_PRESET, fake: "fake-codex" },
] as const)("$preset.name step log", ({ preset, fake }) => {
  it("shows readable lines instead of JSON events, unless asked for the raw output", async () => {
    harness = await makeTask();
    await adapterFor(preset, fake, "m").run(harness.task);
    const readable = harness.output.join("");
    expect(readable).toContain("Implemented src/auth/rate-limit.ts.");
    expect(readable).toContain(preset === CLAUDE_CODE_PRESET ? "[tool] Write " : "[files] add ");
    expect(readable).not.toContain('{"type":');

    await harness.cleanup();
    harness = await makeTask();
    await createCommandAdapter(
      { ...preset, command: standIn(fake), model: "m", logStyle: "raw" },
      { parentEnv },
    ).run(harness.task);
    expect(harness.output.join("")).toContain('{"type":');
  });
});

describe("preset commands", () => {
  it("are listed exactly in the module's README", async () => {
    // Table cells may be padded by the formatter.
    const readme = (await readFile(new URL("./README.md", import.meta.url), "utf8")).replace(/ +\|/g, " |");
    for (const preset of [CLAUDE_CODE_PRESET, CODEX_PRESET, GEMINI_CLI_PRESET, AIDER_PRESET]) {
      expect(readme).toContain(`| \`${preset.name}\` | \`${describeCommand(preset)}\` |`);
      for (const name of preset.envAllowlist) expect(readme).toContain(name);
    }
  });

  it("are the documented command lines", () => {
    expect(describeCommand(CLAUDE_CODE_PRESET)).toBe(
      "claude -p --output-format stream-json --verbose --model {model} --permission-mode acceptEdits < {prompt}",
    );
    expect(describeCommand(CODEX_PRESET)).toBe(
      "codex exec --json --model {model} --sandbox workspace-write - < {prompt}",
    );
    expect(describeCommand(GEMINI_CLI_PRESET)).toBe(
      "gemini --output-format json --model {model} --approval-mode auto_edit -p 'Carry out the task described above.' < {prompt}",
    );
    expect(describeCommand(AIDER_PRESET)).toBe(
      "aider --message-file {promptFile} --yes-always --no-auto-commits --model {model}",
    );
  });
});

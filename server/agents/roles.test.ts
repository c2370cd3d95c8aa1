import { afterEach, describe, expect, it } from "vitest";
import { processEnvironment } from "../config/env";
import { type AgentsConfigInput, agentsConfigSchema } from "./config";
import { AgentConfigError } from "./errors";
import { AGENT_PRESETS } from "./presets";
import { commandConfigFor, createAgentForRole, resolveAgentForRole } from "./roles";
import { makeItem, makeTask, standIn, type TaskHarness } from "./testing/task-fixtures";
import type { AgentAdapter } from "./types";

const input: AgentsConfigInput = {
  agents: {
    "claude-local": {
      preset: "claude-code",
      command: "/opt/claude/bin/claude",
      envAllowlist: ["ANTHROPIC_API_KEY"],
    },
    "my-script": { command: "./scripts/agent.sh", args: ["--task", "{promptFile}"], promptVia: "file" },
  },
  roles: {
    default: { agent: "claude-code", model: "claude-sonnet-4-5" },
    implementer: { agent: "claude-local", model: "claude-sonnet-4-5", complexModel: "claude-opus-4-1" },
    "reviewer-quality": { agent: "codex", model: "gpt-5-codex", extraArgs: ["--sandbox", "read-only"] },
  },
};
const config = agentsConfigSchema.parse(input);

describe("agents configuration schema", () => {
  it("accepts presets, overrides, custom CLIs and roles", () => {
    expect(config.roles.implementer?.extraArgs).toEqual([]);
    expect(config.agents["my-script"]?.promptVia).toBe("file");
  });

  it.each([
    ["an unknown role", { roles: { tester: { agent: "codex" } } }],
    ["an agent with neither preset nor command", { agents: { x: { args: [] } }, roles: {} }],
    [
      "an environment name that is not one",
      { agents: { x: { command: "x", envAllowlist: ["A B"] } }, roles: {} },
    ],
    [
      "an unknown template placeholder",
      { agents: { x: { command: "x", promptTemplate: "{{nope}}" } }, roles: {} },
    ],
    ["an unknown output format", { agents: { x: { command: "x", outputFormat: "xml" } }, roles: {} }],
  ])("rejects %s", (_what, bad) => {
    expect(agentsConfigSchema.safeParse(bad).success).toBe(false);
  });
});

describe("resolveAgentForRole", () => {
  it("uses the complex model only for complex items", () => {
    expect(resolveAgentForRole(config.roles, "implementer", makeItem({ complex: false }))).toMatchObject({
      agent: "claude-local",
      model: "claude-sonnet-4-5",
      complex: false,
    });
    expect(resolveAgentForRole(config.roles, "implementer", makeItem({ complex: true }))).toMatchObject({
      agent: "claude-local",
      model: "claude-opus-4-1",
      complex: true,
    });
  });

  it("keeps the model when a complex item's role has no complex model, and falls back to default", () => {
    const resolved = resolveAgentForRole(config.roles, "reviewer-quality", makeItem({ complex: true }));
    expect(resolved).toMatchObject({ agent: "codex", model: "gpt-5-codex", complex: false });
    expect(resolved.extraArgs).toEqual(["--sandbox", "read-only"]);
    expect(resolveAgentForRole(config.roles, "analyst", makeItem()).agent).toBe("claude-code");
  });

  it("refuses a role with no agent and no default", () => {
    expect(() => resolveAgentForRole({}, "analyst", makeItem())).toThrow(AgentConfigError);
  });
});

describe("commandConfigFor", () => {
  it("overrides a preset without losing the preset's own settings", () => {
    const merged = commandConfigFor(config, "claude-local");
    expect(merged.command).toBe("/opt/claude/bin/claude");
    expect(merged.args).toEqual(AGENT_PRESETS["claude-code"].args);
    expect(merged.outputFormat).toBe("claude-stream-json");
    expect(merged.envAllowlist).toEqual(["ANTHROPIC_API_KEY"]);
    expect(merged.name).toBe("claude-local");
  });

  it("returns presets as they are and refuses unknown agents", () => {
    expect(commandConfigFor(config, "aider")).toBe(AGENT_PRESETS.aider);
    expect(commandConfigFor(config, "my-script").command).toBe("./scripts/agent.sh");
    expect(() => commandConfigFor(config, "cursor")).toThrow(AgentConfigError);
  });
});

describe("createAgentForRole", () => {
  let harness: TaskHarness | undefined;
  afterEach(async () => {
    await harness?.cleanup();
    harness = undefined;
  });

  it("prefers a built-in agent of that name", () => {
    const demo: AgentAdapter = { name: "demo", run: async () => Promise.reject(new Error("unused")) };
    const demoConfig = agentsConfigSchema.parse({ roles: { default: { agent: "demo" } } });
    expect(createAgentForRole(demoConfig, "implementer", makeItem(), { builtInAgents: { demo } })).toBe(demo);
  });

  it("runs the role's CLI with the model chosen for the item", async () => {
    const wired = agentsConfigSchema.parse({
      agents: { claude: { preset: "claude-code", command: standIn("fake-claude") } },
      roles: { implementer: { agent: "claude", model: "sonnet", complexModel: "opus", timeoutMs: 60_000 } },
    });
    harness = await makeTask({ item: { complex: true } });
    const adapter = createAgentForRole(wired, "implementer", harness.task.item, {
      parentEnv: { PATH: processEnvironment().PATH },
    });
    const result = await adapter.run(harness.task);
    expect(adapter.name).toBe("claude");
    expect(result.claimedDone).toBe(true);
    const { argv } = await harness.invocation();
    expect(argv[argv.indexOf("--model") + 1]).toBe("opus");
  });
});

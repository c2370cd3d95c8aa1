import { type CommandAdapterDeps, createCommandAdapter } from "./command-adapter";
import {
  type AgentDefinition,
  type AgentsConfig,
  type CommandAgentConfigInput,
  PRESET_NAMES,
  type PresetName,
  type RolesConfig,
} from "./config";
import { AgentConfigError } from "./errors";
import { AGENT_PRESETS } from "./presets";
import type { AgentAdapter, AgentItem, AgentRole } from "./types";

/** Which agent and model a step runs with. */
export interface ResolvedRoleAgent {
  role: AgentRole;
  /** A preset name, a key of the config's `agents`, or a built-in agent. */
  agent: string;
  model: string | undefined;
  /** Whether the role's complex model was chosen for this item. */
  complex: boolean;
  extraArgs: string[];
  timeoutMs: number | undefined;
}

export function resolveAgentForRole(roles: RolesConfig, role: AgentRole, item: AgentItem): ResolvedRoleAgent {
  const choice = roles[role] ?? roles.default;
  if (choice === undefined) {
    throw new AgentConfigError(
      "role-not-configured",
      `no agent is configured for the ${role} role and no default`,
    );
  }
  const useComplex = item.complex && choice.complexModel !== undefined;
  return {
    role,
    agent: choice.agent,
    model: useComplex ? choice.complexModel : choice.model,
    complex: useComplex,
    extraArgs: choice.extraArgs,
    timeoutMs: choice.timeoutMs,
  };
}

export interface AgentForRoleDeps extends CommandAdapterDeps {
  /** Agents that are not CLIs (the built-in demo agent), by the name roles use for them. */
  builtInAgents?: Readonly<Record<string, AgentAdapter>>;
}

/** The adapter a step runs: the role's agent, with the model chosen for this item. */
export function createAgentForRole(
  config: AgentsConfig,
  role: AgentRole,
  item: AgentItem,
  deps: AgentForRoleDeps = {},
): AgentAdapter {
  const resolved = resolveAgentForRole(config.roles, role, item);
  const builtIn = deps.builtInAgents?.[resolved.agent];
  if (builtIn !== undefined) return builtIn;
  const base = commandConfigFor(config, resolved.agent);
  return createCommandAdapter(
    {
      ...base,
      ...(resolved.model === undefined ? {} : { model: resolved.model }),
      ...(resolved.timeoutMs === undefined ? {} : { timeoutMs: resolved.timeoutMs }),
      extraArgs: resolved.extraArgs,
    },
    deps,
  );
}

/** A named agent's command configuration: its own definition over its preset, or a preset as is. */
export function commandConfigFor(
  config: Pick<AgentsConfig, "agents">,
  agent: string,
): CommandAgentConfigInput {
  const definition: AgentDefinition | undefined = config.agents[agent];
  if (definition === undefined) {
    if (isPresetName(agent)) return AGENT_PRESETS[agent];
    throw new AgentConfigError(
      "unknown-preset",
      `unknown agent "${agent}": not a preset, a configured agent or a built-in`,
    );
  }
  const { preset, ...overrides } = definition;
  const base = preset === undefined ? undefined : AGENT_PRESETS[preset];
  const merged = { ...base, ...withoutUndefined(overrides), name: overrides.name ?? agent };
  if (merged.command === undefined) {
    throw new AgentConfigError("invalid-config", `agent "${agent}" has neither a preset nor a command`);
  }
  return { ...merged, command: merged.command };
}

function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

import { z } from "zod";
import { OUTPUT_FORMATS } from "./parsers";
import { validatePromptTemplate } from "./prompt";
import type { AgentRole } from "./types";

/**
 * Configuration of coding agents, as zod schemas the server's config module can embed and validate
 * at start-up. What an agent runs is server configuration only: nothing in a spec can reach these.
 */

export const AGENT_ROLES = [
  "test-author",
  "implementer",
  "reviewer-spec",
  "reviewer-quality",
  "analyst",
] as const satisfies readonly AgentRole[];
// Fails to compile when `AgentRole` gains a value that is missing above.
type UnlistedRole = Exclude<AgentRole, (typeof AGENT_ROLES)[number]>;
export const ALL_ROLES_LISTED: [UnlistedRole] extends [never] ? true : never = true;
export const agentRoleSchema = z.enum(AGENT_ROLES);

export const PRESET_NAMES = ["claude-code", "codex", "gemini-cli", "aider"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name");

const promptTemplateSchema = z.string().superRefine((template, context) => {
  try {
    validatePromptTemplate(template);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});

/** The fields of a command agent, without defaults (so a partial override does not reset a preset). */
const commandAgentFields = {
  /** Shown in logs and results, e.g. `claude-code`. */
  name: z.string().min(1),
  /** The executable, looked up on the child's PATH. Never run through a shell. */
  command: z.string().min(1),
  /** Arguments; `{model}`, `{promptFile}` and `{workspaceDir}` are replaced per run. */
  args: z.array(z.string()),
  /** `stdin`: the prompt is written to the CLI's stdin. `file`: stdin is closed and the prompt is in `{promptFile}`. */
  promptVia: z.enum(["stdin", "file"]),
  /** Which parser reads the CLI's stdout. */
  outputFormat: z.enum(OUTPUT_FORMATS),
  /** A template for `renderPrompt`; the built-in one when absent. */
  promptTemplate: promptTemplateSchema,
  timeoutMs: z.number().int().positive(),
  /** Between SIGTERM and SIGKILL of the process group. */
  killGraceMs: z.number().int().min(0),
  /** Server environment variables the agent may see (its API key, say). PATH and HOME always pass. */
  envAllowlist: z.array(envNameSchema),
  /** Fixed variables set for the agent, e.g. `{ "NO_COLOR": "1" }`. */
  env: z.record(envNameSchema, z.string()),
  /** Bytes of output streamed live to the step's log before it is capped. */
  outputCapBytes: z.number().int().positive(),
  /** Bytes kept from the end of the output for `outputTail` (and the log after the cap). */
  tailBytes: z.number().int().positive(),
  /** Bytes of stdout (the last ones) kept for the parser. */
  parseBufferBytes: z.number().int().positive(),
  /** `readable`: JSON event lines of known formats are shown as text in the log; `raw`: as printed. */
  logStyle: z.enum(["readable", "raw"]),
};

/** Everything the command adapter needs to run one CLI. Defaults are applied by `parse`. */
export const commandAgentConfigSchema = z.object({
  ...commandAgentFields,
  args: commandAgentFields.args.default([]),
  promptVia: commandAgentFields.promptVia.default("stdin"),
  outputFormat: commandAgentFields.outputFormat.default("text"),
  promptTemplate: commandAgentFields.promptTemplate.optional(),
  timeoutMs: commandAgentFields.timeoutMs.default(30 * 60_000),
  killGraceMs: commandAgentFields.killGraceMs.default(5_000),
  envAllowlist: commandAgentFields.envAllowlist.default([]),
  env: commandAgentFields.env.default({}),
  outputCapBytes: commandAgentFields.outputCapBytes.default(1024 * 1024),
  tailBytes: commandAgentFields.tailBytes.default(16 * 1024),
  parseBufferBytes: commandAgentFields.parseBufferBytes.default(8 * 1024 * 1024),
  logStyle: commandAgentFields.logStyle.default("readable"),
});
/** A validated configuration, defaults applied. */
export type CommandAgentConfig = z.output<typeof commandAgentConfigSchema>;
/** What a caller writes; omitted fields get their defaults. */
export type CommandAgentConfigInput = z.input<typeof commandAgentConfigSchema>;

/** A named agent in configuration: a preset with overrides, or a CLI of its own. */
export const agentDefinitionSchema = z
  .object(commandAgentFields)
  .partial()
  .extend({ preset: z.enum(PRESET_NAMES).optional() })
  .strict()
  .superRefine((definition, context) => {
    if (definition.preset === undefined && definition.command === undefined) {
      context.addIssue({ code: "custom", message: "an agent needs either a preset or a command" });
    }
  });
export type AgentDefinition = z.output<typeof agentDefinitionSchema>;

/** Which agent a role runs, with which model. */
export const roleAgentSchema = z.object({
  /** A preset name (`claude-code`, `codex`, `gemini-cli`, `aider`), a key of `agents`, or a built-in agent such as `demo`. */
  agent: z.string().min(1),
  model: z.string().min(1).optional(),
  /** Used instead of `model` for complex items (auth, security, payments, migrations, concurrency...). */
  complexModel: z.string().min(1).optional(),
  /** Appended to the agent's arguments for this role, e.g. a read-only mode for reviewers. */
  extraArgs: z.array(z.string()).default([]),
  timeoutMs: z.number().int().positive().optional(),
});
export type RoleAgentConfig = z.output<typeof roleAgentSchema>;

export const rolesConfigSchema = z
  .object({
    /** For any role not listed. */
    default: roleAgentSchema.optional(),
    "test-author": roleAgentSchema.optional(),
    implementer: roleAgentSchema.optional(),
    "reviewer-spec": roleAgentSchema.optional(),
    "reviewer-quality": roleAgentSchema.optional(),
    analyst: roleAgentSchema.optional(),
  })
  .strict();
export type RolesConfig = z.output<typeof rolesConfigSchema>;

export const agentsConfigSchema = z.object({
  /** Named agents: presets with overrides (a different binary path, more allowed variables) or any CLI. */
  agents: z.record(z.string().min(1), agentDefinitionSchema).default({}),
  roles: rolesConfigSchema,
});
export type AgentsConfig = z.output<typeof agentsConfigSchema>;
export type AgentsConfigInput = z.input<typeof agentsConfigSchema>;

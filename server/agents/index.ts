/**
 * Coding-agent adapters: what runs Claude Code, Codex, Gemini CLI, Aider or any other CLI on one
 * step of a run. Everything here is driven by server configuration; the item in a task is data.
 */
export { ALWAYS_PASSED_ENV, buildChildEnv, defaultParentEnv, type Env } from "./child-env";
export {
  type AgentFailure,
  type AgentFailureKind,
  type CommandAdapter,
  type CommandAdapterConfig,
  type CommandAdapterDeps,
  type CommandAgentResult,
  createCommandAdapter,
} from "./command-adapter";
export {
  AGENT_ROLES,
  type AgentDefinition,
  type AgentsConfig,
  type AgentsConfigInput,
  agentDefinitionSchema,
  agentRoleSchema,
  agentsConfigSchema,
  type CommandAgentConfig,
  type CommandAgentConfigInput,
  commandAgentConfigSchema,
  PRESET_NAMES,
  type PresetName,
  type RoleAgentConfig,
  type RolesConfig,
  roleAgentSchema,
  rolesConfigSchema,
} from "./config";
export { AgentConfigError, type AgentConfigErrorCode } from "./errors";
export {
  type AgentFinding,
  LOG_FORMATTERS,
  type LogLineFormatter,
  OUTPUT_FORMATS,
  OUTPUT_PARSERS,
  type OutputFormat,
  type OutputParser,
  type ParseContext,
  type ParsedOutput,
  parseAiderText,
  parseClaudeStreamJson,
  parseCodexJsonl,
  parseGeminiJson,
  parsePlainText,
  REPORT_MARKER,
} from "./parsers";
export {
  AGENT_PRESETS,
  AIDER_PRESET,
  CLAUDE_CODE_PRESET,
  CODEX_PRESET,
  describeCommand,
  GEMINI_CLI_PRESET,
} from "./presets";
export { isGroupAlive, isProcessAlive, type KillOutcome, killProcessGroup } from "./process-tree";
export {
  DEFAULT_PROMPT_TEMPLATE,
  PROMPT_PLACEHOLDERS,
  type PromptInput,
  ROLE_INSTRUCTIONS,
  renderPrompt,
  validatePromptTemplate,
} from "./prompt";
export {
  type AgentForRoleDeps,
  commandConfigFor,
  createAgentForRole,
  type ResolvedRoleAgent,
  resolveAgentForRole,
} from "./roles";
export type { AgentAdapter, AgentItem, AgentResult, AgentRole, AgentTask } from "./types";

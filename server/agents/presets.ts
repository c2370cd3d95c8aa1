import type { CommandAgentConfigInput, PresetName } from "./config";

/**
 * Ready-made configurations for the coding-agent CLIs users already run. Each is plain data: the
 * exact command, how the prompt is passed, which parser reads the output, and which of the server's
 * environment variables the CLI may see (only its own provider's credentials).
 *
 * Beyond the bare headless command, each preset grants the least permission that still lets an
 * agent write files in its worktree: without it, Claude Code and Gemini CLI refuse edits in headless
 * mode and Codex runs read-only. Reviewers can be narrowed further with a role's `extraArgs`.
 */

/** Shared by every preset: colour codes would only clutter the step's log. */
const PLAIN_OUTPUT = { NO_COLOR: "1" };

export const CLAUDE_CODE_PRESET = {
  name: "claude-code",
  command: "claude",
  args: [
    "-p",
    "--output-format",
    "stream-json",
    "--verbose",
    "--model",
    "{model}",
    "--permission-mode",
    "acceptEdits",
  ],
  promptVia: "stdin",
  outputFormat: "claude-stream-json",
  envAllowlist: ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN"],
  env: PLAIN_OUTPUT,
} satisfies CommandAgentConfigInput;

export const CODEX_PRESET = {
  name: "codex",
  command: "codex",
  // `-` makes `codex exec` read the prompt from stdin, which keeps it out of argv (ps, length limits).
  args: ["exec", "--json", "--model", "{model}", "--sandbox", "workspace-write", "-"],
  promptVia: "stdin",
  outputFormat: "codex-jsonl",
  envAllowlist: ["OPENAI_API_KEY", "CODEX_HOME"],
  env: PLAIN_OUTPUT,
} satisfies CommandAgentConfigInput;

export const GEMINI_CLI_PRESET = {
  name: "gemini-cli",
  command: "gemini",
  // Gemini appends `-p`'s text to what it reads on stdin, so the full prompt goes on stdin and
  // `-p` (which also selects headless mode) only points at it.
  args: [
    "--output-format",
    "json",
    "--model",
    "{model}",
    "--approval-mode",
    "auto_edit",
    "-p",
    "Carry out the task described above.",
  ],
  promptVia: "stdin",
  outputFormat: "gemini-json",
  envAllowlist: [
    "GEMINI_API_KEY",
    "GOOGLE_API_KEY",
    "GOOGLE_CLOUD_PROJECT",
    "GOOGLE_APPLICATION_CREDENTIALS",
  ],
  env: PLAIN_OUTPUT,
} satisfies CommandAgentConfigInput;

export const AIDER_PRESET = {
  name: "aider",
  command: "aider",
  args: ["--message-file", "{promptFile}", "--yes-always", "--no-auto-commits", "--model", "{model}"],
  promptVia: "file",
  outputFormat: "aider-text",
  // Aider talks to whichever provider the model names, so each provider's key may pass.
  envAllowlist: [
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "GEMINI_API_KEY",
    "OPENROUTER_API_KEY",
    "DEEPSEEK_API_KEY",
  ],
  env: PLAIN_OUTPUT,
} satisfies CommandAgentConfigInput;

export const AGENT_PRESETS: Record<PresetName, CommandAgentConfigInput> = {
  "claude-code": CLAUDE_CODE_PRESET,
  codex: CODEX_PRESET,
  "gemini-cli": GEMINI_CLI_PRESET,
  aider: AIDER_PRESET,
};

/**
 * The command line a configuration runs, for documentation and logs, e.g.
 * `claude -p --output-format stream-json ... < prompt`. Arguments are shell-quoted only for display:
 * the adapter never runs a shell.
 */
export function describeCommand(
  config: Pick<CommandAgentConfigInput, "command" | "args" | "promptVia">,
): string {
  const words = [config.command, ...(config.args ?? [])].map(quoteForDisplay);
  const stdin = (config.promptVia ?? "stdin") === "stdin" ? " < {prompt}" : "";
  return `${words.join(" ")}${stdin}`;
}

function quoteForDisplay(word: string): string {
  return /^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

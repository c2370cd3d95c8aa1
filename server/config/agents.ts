import { existsSync, readFileSync } from "node:fs";
import { type AgentsConfig, agentsConfigSchema } from "../agents/config";
import { ConfigError } from "./env";

/**
 * Which coding agent each role runs: server configuration, read from the JSON file named by
 * SPECWAVE_AGENTS_FILE (never from a spec). Without one, every role runs the built-in agent.
 */
export function loadAgentsConfig(file: string | undefined, builtIn: "demo" | "noop"): AgentsConfig {
  if (!file) return agentsConfigSchema.parse({ roles: { default: { agent: builtIn } } });
  if (!existsSync(file)) throw new ConfigError([`SPECWAVE_AGENTS_FILE: ${file} does not exist`]);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError([`SPECWAVE_AGENTS_FILE: ${file} is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = agentsConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${file}: ${issue.path.join(".")}: ${issue.message}`),
    );
  }
  return parsed.data;
}

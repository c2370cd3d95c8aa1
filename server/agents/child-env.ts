import { processEnvironment } from "../config/env";
/**
 * The environment a coding agent gets. The server's environment holds database URLs, session secrets
 * and API keys for other providers; an agent runs text from an uploaded spec, so it receives nothing
 * that was not listed on purpose.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** Always passed: a CLI cannot find its tools without PATH or its own login state without HOME. */
export const ALWAYS_PASSED_ENV = ["PATH", "HOME"] as const;

/**
 * The single place the agents module touches the server's environment. The config module replaces it
 * by passing `parentEnv` explicitly (see `CommandAdapterDeps`); nothing else here reads the process environment.
 */
export function defaultParentEnv(): Env {
  return processEnvironment();
}

export function buildChildEnv(
  parentEnv: Env,
  allowlist: readonly string[],
  fixed: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const child: Record<string, string> = {};
  for (const name of [...ALWAYS_PASSED_ENV, ...allowlist]) {
    const value = parentEnv[name];
    if (value !== undefined) child[name] = value;
  }
  // Fixed values come from server configuration (e.g. `NO_COLOR=1`) and win over the parent's.
  return { ...child, ...fixed };
}

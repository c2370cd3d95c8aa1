/**
 * The one place the CLI reads its environment: the server's URL and the API token. Commands get
 * these through CliIo, so tests pass their own; the process's environment comes from the config module.
 */
import { processEnvironment } from "../config/env";
export interface CliEnv {
  /** SPECWAVE_URL; `--url` wins over it. */
  url?: string;
  /** SPECWAVE_TOKEN, sent as `Authorization: Bearer …` (accepted once authentication lands). */
  token?: string;
}

export const DEFAULT_URL = "http://127.0.0.1:3000";

export function readCliEnv(env: Record<string, string | undefined> = processEnvironment()): CliEnv {
  // Empty counts as unset, as shells and CI templates write it.
  const value = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  return { url: value("SPECWAVE_URL"), token: value("SPECWAVE_TOKEN") };
}

/**
 * Errors the agents module throws. Only configuration mistakes throw: a CLI that fails, times out or
 * is cancelled is an expected outcome and comes back as an `AgentResult` with a `failure`.
 */

export type AgentConfigErrorCode =
  | "unknown-placeholder"
  | "missing-model"
  | "unknown-preset"
  | "role-not-configured"
  | "invalid-config";

export class AgentConfigError extends Error {
  override readonly name = "AgentConfigError";
  constructor(
    readonly code: AgentConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}

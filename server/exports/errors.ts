import { AppError, type ErrorCode } from "../errors/app-error";

/** Why an export or an import could not be made; stable, so the UI and tests can key on it. */
export type ExportErrorReason =
  /** The spec's format has no task checkboxes to update (EXEC-SPEC, story set, free-form). */
  | "no_checkboxes"
  /** The spec's items live in several files, so there is no one task file to hand back. */
  | "several_task_files"
  /** The checkpoint is not JSON, or not an object with workstream id arrays. */
  | "invalid_checkpoint";

const codeFor: Record<ExportErrorReason, ErrorCode> = {
  no_checkboxes: "invalid_state",
  several_task_files: "invalid_state",
  invalid_checkpoint: "bad_request",
};

/**
 * An AppError, so route() maps it to a status without a special case; `reason` says which
 * export rule applied and travels in the response's details.
 */
export class ExportError extends AppError {
  constructor(
    readonly reason: ExportErrorReason,
    message: string,
  ) {
    super(codeFor[reason], message, { reason });
    this.name = "ExportError";
  }
}

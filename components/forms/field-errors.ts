import { ApiError } from "../runs/queries";

/**
 * The per-field messages of a 400 answer (`details` is zod's flattened error:
 * `{ formErrors, fieldErrors: { email: ["…"] } }`), so a form can show each under its field.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const fieldErrors = (error.details as { fieldErrors?: Record<string, unknown> } | undefined)?.fieldErrors;
  if (!fieldErrors || typeof fieldErrors !== "object") return {};
  const messages: Record<string, string> = {};
  for (const [field, list] of Object.entries(fieldErrors)) {
    if (Array.isArray(list) && typeof list[0] === "string") messages[field] = list[0];
  }
  return messages;
}

/** The sentence to show for a failed request, unless every problem is shown under a field. */
export function formErrorOf(error: unknown, fields: Record<string, string>): string | null {
  if (!error) return null;
  if (Object.keys(fields).length > 0) return "Some fields need changing; see below each of them.";
  return error instanceof Error ? error.message : String(error);
}

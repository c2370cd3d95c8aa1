/** Specwave's one application error: a stable code, a message a person understands, details. */
export const errorStatus = {
  bad_request: 400,
  /** Not signed in, or the token is unknown or revoked. */
  unauthenticated: 401,
  /** Signed in, but the role does not allow it (or a cross-site request was refused). */
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
  invalid_spec: 422,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

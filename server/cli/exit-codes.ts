/**
 * Exit codes of every command, as scripts and CI rely on them: 0 success, 1 the run failed,
 * 2 a usage or input error, 3 the server is unreachable or refused us.
 */
export const EXIT = { ok: 0, runFailed: 1, usage: 2, unreachable: 3 } as const;

/** The server answered with a typed error body (or at least a status). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** No answer at all: connection refused, DNS, timeout, or not a Specwave server. */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreachableError";
  }
}

/** Something the user typed or pointed at is wrong; nothing was sent, or the answer says so. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof UnreachableError) return EXIT.unreachable;
  if (error instanceof ApiError) {
    // 401/403: no or a wrong token (issue 7); 503: the server is up but its database is not.
    if (error.status === 401 || error.status === 403 || error.status === 503) return EXIT.unreachable;
    if (error.status >= 400 && error.status < 500) return EXIT.usage;
  }
  return EXIT.runFailed;
}

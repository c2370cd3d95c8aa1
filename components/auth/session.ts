/**
 * Signing in and out through better-auth's endpoints with plain `fetch`: same-origin, so the
 * browser sends the Origin header the server checks and stores the HTTP-only session cookie.
 */
export type SignInResult = { ok: true } | { ok: false; status: number; message: string };

export const rateLimitedMessage = "Too many sign-in attempts; wait a minute and try again.";

/** What to tell the person when sign-in is refused; better-auth answers `{ message }`. */
export function signInMessage(status: number, body: unknown): string {
  if (status === 429) return rateLimitedMessage;
  const answer = (body ?? {}) as { message?: unknown; error?: { message?: unknown } };
  const message = typeof answer.message === "string" ? answer.message : answer.error?.message;
  if (typeof message === "string" && message.trim()) return message;
  if (status === 401) return "Wrong email or password.";
  return `Could not sign in (HTTP ${status}).`;
}

export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, status: 0, message: "Could not reach Specwave; check the connection and try again." };
  }
  if (response.ok) return { ok: true };
  const body = await response.json().catch(() => ({}));
  return { ok: false, status: response.status, message: signInMessage(response.status, body) };
}

export async function signOut(): Promise<boolean> {
  try {
    const response = await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    return response.ok;
  } catch {
    return false;
  }
}

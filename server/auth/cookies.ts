/**
 * The session cookie's names (better-auth with the `specwave` prefix; `__Secure-` over https).
 * Its own module so that Next's proxy can read it without loading better-auth.
 */
export const sessionCookieNames = ["specwave.session_token", "__Secure-specwave.session_token"];

/** Pages anyone may open signed out: signing in, the first run, the API reference, the bench harness. */
const publicPrefixes = ["/sign-in", "/setup", "/api-docs", "/bench"];

export function isPublicPath(pathname: string): boolean {
  return publicPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * Where to go after signing in: the `?next=` path when it is a path on this site, else the
 * dashboard. Anything that a browser could read as another site (`//evil`, `/\evil`, a scheme,
 * control characters) is refused, so the sign-in page cannot be used to send people elsewhere.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  const base = "https://specwave.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  // Back to the sign-in or first-run page would only ask again.
  if (url.pathname === "/sign-in" || url.pathname === "/setup") return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  const next = safeNextPath(path);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}

import { type NextRequest, NextResponse } from "next/server";
import { sessionCookieNames } from "./server/auth/cookies";

/**
 * Pages need a signed-in person: without a session cookie, a page request goes to the sign-in
 * page (which sends a fresh installation on to the first-run page). This only looks for the
 * cookie; every API request checks the session itself and the role, so a forged cookie gets a
 * page shell and nothing else.
 */

export function proxy(request: NextRequest) {
  if (sessionCookieNames.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the API (it answers 401 itself), the sign-in and first-run pages, the API
  // reference, the Gantt benchmark page (synthetic data only), Next's assets and static files.
  matcher: ["/((?!api/|api-docs|sign-in|setup|bench/|_next/|favicon|.*\\.(?:svg|png|ico|css|js|txt)$).*)"],
};

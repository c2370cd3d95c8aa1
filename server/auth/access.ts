import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Auth } from "./auth";
import { forbidden } from "./errors";
import type { Principal } from "./principal";
import { type ProjectRole, roleAllows } from "./roles";
import { userForToken } from "./tokens";

/**
 * Resolves who sent a request: an `Authorization: Bearer swt_…` token, else the session cookie.
 * A request that carries a token that is unknown or revoked is anonymous, even with a cookie.
 */
export async function authenticate(db: Db, auth: Auth, headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const found = match?.[1] ? await userForToken(db, match[1]) : null;
    if (!found) return null;
    const { id, email, name, isAdmin } = found.user;
    return { userId: id, email, name, isAdmin, via: "token", tokenId: found.tokenId };
  }
  if (!headers.has("cookie")) return null;
  // The session answer carries the user, `isAdmin` included (an additional field of ours).
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, email, name, isAdmin } = session.user;
  return {
    userId: id,
    email,
    name,
    isAdmin: isAdmin === true,
    via: "session",
    sessionId: session.session.id,
  };
}

/** The principal's role in a project: administrators of Specwave are administrators everywhere. */
export async function projectRole(
  db: Db,
  principal: Principal,
  projectId: string,
): Promise<ProjectRole | null> {
  if (principal.isAdmin) {
    const exists = await db.project.count({ where: { id: projectId } });
    return exists ? "admin" : null;
  }
  const membership = await db.membership.findUnique({
    where: { projectId_userId: { projectId, userId: principal.userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

/** Projects the principal may read, for list endpoints and socket rooms. */
export async function readableProjects(db: Db, principal: Principal): Promise<string[] | "all"> {
  if (principal.isAdmin) return "all";
  const rows = await db.membership.findMany({
    where: { userId: principal.userId },
    select: { projectId: true },
  });
  return rows.map((row) => row.projectId);
}

/** Whether the principal holds at least `role` in some project (checked before a body is read). */
export async function holdsRoleSomewhere(db: Db, principal: Principal, role: ProjectRole): Promise<boolean> {
  if (principal.isAdmin) return true;
  const rows = await db.membership.findMany({ where: { userId: principal.userId }, select: { role: true } });
  return rows.some((row) => roleAllows(row.role, role));
}

/**
 * Checks a role in a project. No read access at all answers "not found" (so ids of other
 * projects' runs cannot be probed); read access without the needed role answers 403.
 */
export async function requireProjectRole(
  db: Db,
  principal: Principal,
  projectId: string | null,
  needed: ProjectRole,
  what: string,
): Promise<ProjectRole> {
  const held = projectId ? await projectRole(db, principal, projectId) : null;
  if (!held) throw new AppError("not_found", `No ${what}.`);
  if (!roleAllows(held, needed)) {
    throw forbidden(`Your role in this project is ${held}; this needs ${needed} or above.`);
  }
  return held;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery: a state-changing request authenticated by the session cookie must
 * come from Specwave's own pages. Browsers send `Origin` on every such request; it must be a
 * trusted origin or the request's own host. Token requests carry no ambient credential and
 * need no check. (Cookies are also SameSite=Lax, which already keeps them off cross-site POSTs.)
 */
export function checkCsrf(request: Request, principal: Principal, trustedOrigins: readonly string[]): void {
  if (principal.via !== "session" || safeMethods.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    if (trustedOrigins.includes(origin) || sameHost(origin, request.headers.get("host"))) return;
    throw forbidden(`Cross-site request refused: ${origin} is not Specwave's address.`);
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw forbidden("Cross-site request refused: a signed-in change must come from Specwave's own pages.");
}

function sameHost(origin: string, host: string | null): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { endpoints } from "../api-docs/endpoints";
import { authenticate, checkCsrf, holdsRoleSomewhere, requireProjectRole } from "../auth/access";
import { publicOrigins } from "../auth/auth";
import { forbidden, unauthenticated } from "../auth/errors";
import type { Principal } from "../auth/principal";
import type { ProjectRole } from "../auth/roles";
import { loadConfig } from "../config/env";
import { AppError, isAppError } from "../errors/app-error";
import { appAuth, appServices } from "../runtime/app-services";
import { type Services, ServicesUnavailableError } from "../runtime/services";

/** The body of every error response: a stable code, a message, and details when there are some. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  if (isAppError(error)) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status },
    );
  }
  if (error instanceof z.ZodError) {
    return NextResponse.json(
      {
        error: { code: "bad_request", message: "The request is not valid.", details: z.flattenError(error) },
      },
      { status: 400 },
    );
  }
  if (error instanceof ServicesUnavailableError) {
    return NextResponse.json({ error: { code: "unavailable", message: error.message } }, { status: 503 });
  }
  console.error(error);
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server." } },
    { status: 500 },
  );
}

type Params = Record<string, string>;

/** How a route finds the project a request acts on, from its path parameters. */
export type ProjectLocator = (db: Services["db"], params: Params) => Promise<string | null>;

/**
 * Who may call a route. Every route handler declares one; there is no default.
 * - `public`: anyone (sign-in, first run, the API description).
 * - `signed-in`: any signed-in user (their own tokens, lists filtered to their projects).
 * - `instance-admin`: administrators of Specwave (users, the whole audit log).
 * - `project`: at least `role` in the project `project` finds from the path; `body-project`
 *   when the project comes from the body: the handler calls `ctx.requireRole` once it is known,
 *   after the wrapper has checked the caller holds that role somewhere.
 */
export type Access =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "instance-admin" }
  | { kind: "project"; role: ProjectRole; project: ProjectLocator; what: string }
  | { kind: "body-project"; role: ProjectRole };

export type RouteContext<A extends Access> = A extends { kind: "public" }
  ? PublicContext
  : SignedInContext<A>;

export interface PublicContext {
  request: Request;
  params: Params;
  principal: null;
}

export interface SignedInContext<A extends Access> {
  request: Request;
  params: Params;
  services: Services;
  principal: Principal;
  /** The project the route acts on (`project` access). */
  projectId: A extends { kind: "project" } ? string : undefined;
  /** Checks the caller's role in a project found after the request was read. */
  requireRole(projectId: string | null, role: ProjectRole, what: string): Promise<ProjectRole>;
}

/**
 * Wraps a route handler: resolves the caller, refuses anonymous callers (401), cross-site
 * requests (403) and callers without the role (403, or 404 when they cannot even read the
 * project), then runs the handler; every failure becomes a typed JSON error.
 */
export function route<A extends Access>(access: A, handler: (ctx: RouteContext<A>) => Promise<Response>) {
  return async (request: Request, context?: { params?: Promise<Params> }): Promise<Response> => {
    try {
      const params = (await context?.params) ?? {};
      // Public routes act for nobody: they neither read a session nor need the database to
      // answer (the API description works while PostgreSQL is down); setup connects itself.
      if (access.kind === "public") {
        const answer = await handler({ request, params, principal: null } as unknown as RouteContext<A>);
        return await checkedResponse(request, answer);
      }
      const services = await appServices();
      const auth = await appAuth();
      const principal = await authenticate(services.db, auth, request.headers);
      if (!principal) throw unauthenticated();
      checkCsrf(request, principal, publicOrigins(loadConfig()).trusted);
      const requireRole = (projectId: string | null, role: ProjectRole, what: string) =>
        requireProjectRole(services.db, principal, projectId, role, what);
      let projectId: string | undefined;
      if (access.kind === "instance-admin" && !principal.isAdmin) {
        throw forbidden("Only administrators of Specwave may do this.");
      }
      if (
        access.kind === "body-project" &&
        !(await holdsRoleSomewhere(services.db, principal, access.role))
      ) {
        throw forbidden(`This needs the ${access.role} role in a project.`);
      }
      if (access.kind === "project") {
        const found = await access.project(services.db, params);
        await requireRole(found, access.role, access.what);
        projectId = found ?? undefined;
      }
      const response = await handler({
        request,
        params,
        services,
        principal,
        projectId,
        requireRole,
      } as unknown as RouteContext<A>);
      return await checkedResponse(request, response);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Each documented endpoint's path as a pattern, for finding the response schema of a request. */
const documented = endpoints.map((endpoint) => ({
  method: endpoint.method.toUpperCase(),
  pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  schema: endpoint.response.schema,
}));

/**
 * Validated out as well as in: a successful JSON answer must match the zod schema the OpenAPI
 * document gives for it, so the documented API and the real one cannot drift apart unnoticed.
 * A mismatch is the server's bug: 500 with the problems logged, never a half-right answer.
 */
async function checkedResponse(request: Request, response: Response): Promise<Response> {
  if (!response.ok || !response.headers.get("content-type")?.includes("application/json")) return response;
  const pathname = new URL(request.url).pathname;
  const endpoint = documented.find(
    (entry) => entry.method === request.method && entry.pattern.test(pathname),
  );
  if (!endpoint?.schema) return response;
  const result = endpoint.schema.safeParse(await response.clone().json());
  if (result.success) return response;
  console.error(
    `${request.method} ${pathname}: the answer does not match its documented schema`,
    result.error.issues,
  );
  throw new AppError("internal", "The server's answer did not match its documented shape.");
}

/** Project locators for the usual path parameters. */
export const projectOf = {
  param: (async (db, params) => {
    const id = params.projectId ?? "";
    return (await db.project.count({ where: { id } })) ? id : null;
  }) satisfies ProjectLocator,
  run: (async (db, params) => {
    const run = await db.run.findUnique({ where: { id: params.runId ?? "" }, select: { projectId: true } });
    return run?.projectId ?? null;
  }) satisfies ProjectLocator,
  spec: (async (db, params) => {
    const spec = await db.spec.findUnique({
      where: { id: params.specId ?? "" },
      select: { projectId: true },
    });
    return spec?.projectId ?? null;
  }) satisfies ProjectLocator,
};

export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}

/** The caller's address, as the web process recorded it, for the audit log. */
export function clientIp(request: Request): string | null {
  return request.headers.get("x-specwave-client-ip");
}

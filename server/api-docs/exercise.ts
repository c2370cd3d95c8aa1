/**
 * Calls every operation of a running server's OpenAPI document at least once and checks each
 * answer against the documented status and zod schema (the typed error body for errors). The
 * CLI's integration test runs it against a real Specwave; an operation with no case here fails
 * that test, so a new endpoint cannot ship unexercised.
 */
import type { z } from "zod";
import { errorBodySchema } from "../web/schemas";
import { endpoints } from "./endpoints";
import { operationId } from "./openapi";

export interface ExerciseContext {
  baseUrl: string;
  /**
   * An administrator of Specwave's API token, sent as `Authorization: Bearer` on every request
   * but the cases marked `anonymous`. The server already has the people of createPeople()
   * (server/testing/people.ts): admin@, approver@, viewer@ and outsider@example.com, the approver
   * and the viewer members of prj_demo.
   */
  token: string;
  /** The same administrator's session cookie, for the cases marked `session`. */
  cookie: string;
  /** A finished run (exported). */
  finishedRunId: string;
  /** A valid spec file to upload (examples/specs/exec-spec-demo.md). */
  demoSpec: { name: string; content: string };
  /** Filled in by the cases as they go. */
  specId?: string;
  newRunId?: string;
  specCursor?: string;
  runCursor?: string;
  tokenId?: string;
  newUserEmail?: string;
  memberUserId?: string;
  auditCursor?: string;
}

interface Case {
  operationId: string;
  what: string;
  request(ctx: ExerciseContext): { method: string; path: string; body?: unknown };
  /** Sent without the token. */
  anonymous?: boolean;
  /** Sent with the session cookie (and the page's Origin) instead of the token. */
  session?: boolean;
  status: number;
  /** For an error answer, its code. */
  code?: string;
  /** More than the schema: a problem with an answer that matches it, if there is one. */
  check?(body: unknown, ctx: ExerciseContext): string | undefined;
  after?(ctx: ExerciseContext, body: unknown): void;
}

const CYCLE =
  "---\nworkstreams:\n  WS1: { name: A, agent: dev, depends_on: [WS2] }\n  WS2: { name: B, agent: dev, depends_on: [WS1] }\n---\n# Cycle\n";

/** In order: later cases use what earlier ones created. */
export const cases: Case[] = [
  {
    operationId: "getRunsRunIdItemsKeyEvidence",
    what: "a finished item's evidence",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.finishedRunId}/items/WS2/evidence` }),
    status: 200,
    check: (body) => {
      const item = body as { status: string; evidence: { tests?: unknown } | null; attempts: unknown[] };
      return item.status === "succeeded" && item.evidence?.tests && item.attempts.length > 0
        ? undefined
        : "no test evidence or attempts for a finished item";
    },
  },
  {
    operationId: "getRunsRunIdItemsKeyEvidence",
    what: "an unknown item",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.finishedRunId}/items/NOPE/evidence` }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getRunsRunIdItemsKeyDiff",
    what: "a finished item's files changed",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.finishedRunId}/items/WS2/diff` }),
    status: 200,
    check: (body) => {
      const diff = body as { commit: string; files: { path: string; patch: string }[] };
      return /^[0-9a-f]{7,}$/.test(diff.commit) && diff.files.some((file) => file.patch.includes("\n+"))
        ? undefined
        : "no commit or no added lines for a finished item";
    },
  },
  {
    operationId: "getRunsRunIdItemsKeyDiff",
    what: "an unknown item",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.finishedRunId}/items/NOPE/diff` }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getOpenapiJson",
    what: "the document, without a token (public)",
    request: () => ({ method: "GET", path: "/api/v1/openapi.json" }),
    anonymous: true,
    status: 200,
  },
  {
    operationId: "getSetup",
    what: "first run is over, without a token (public)",
    request: () => ({ method: "GET", path: "/api/v1/setup" }),
    anonymous: true,
    status: 200,
    check: (body) => ((body as { needsSetup: boolean }).needsSetup ? "needsSetup is true" : undefined),
  },
  {
    operationId: "postSetup",
    what: "a second first administrator is refused",
    request: () => ({
      method: "POST",
      path: "/api/v1/setup",
      body: { email: "second-admin@example.com", name: "Second", password: "a long enough password" },
    }),
    anonymous: true,
    status: 409,
    code: "conflict",
  },
  {
    operationId: "getMe",
    what: "without a token",
    request: () => ({ method: "GET", path: "/api/v1/me" }),
    anonymous: true,
    status: 401,
    code: "unauthenticated",
  },
  {
    operationId: "getMe",
    what: "the administrator, by token",
    request: () => ({ method: "GET", path: "/api/v1/me" }),
    status: 200,
    check: (body) => {
      const me = body as { user: { isAdmin: boolean }; via: string };
      return me.user.isAdmin && me.via === "token" ? undefined : "not an administrator by token";
    },
  },
  {
    operationId: "getExamples",
    what: "list examples",
    request: () => ({ method: "GET", path: "/api/v1/examples" }),
    status: 200,
  },
  {
    operationId: "getExamplesName",
    what: "read an example",
    request: () => ({ method: "GET", path: "/api/v1/examples/exec-spec-demo.md" }),
    status: 200,
  },
  {
    operationId: "getExamplesName",
    what: "an unknown example",
    request: () => ({ method: "GET", path: "/api/v1/examples/..%2Fpackage.json" }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "postSpecsPreview",
    what: "preview a spec with errors",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs/preview",
      body: { files: [{ name: "c.md", content: CYCLE }] },
    }),
    status: 200,
  },
  {
    operationId: "postSpecs",
    what: "a spec with errors is refused",
    request: () => ({
      method: "POST",
      path: "/api/v1/specs",
      body: { files: [{ name: "c.md", content: CYCLE }] },
    }),
    status: 422,
    code: "invalid_spec",
  },
  {
    operationId: "postSpecs",
    what: "a body that is not an upload",
    request: () => ({ method: "POST", path: "/api/v1/specs", body: { files: [] } }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "postSpecs",
    what: "upload the demo spec",
    request: (ctx) => ({
      method: "POST",
      path: "/api/v1/specs",
      body: { name: "api-exercise", files: [ctx.demoSpec] },
    }),
    status: 201,
    after: (ctx, body) => {
      ctx.specId = (body as { id: string }).id;
    },
  },
  {
    operationId: "getSpecs",
    what: "list specs",
    request: () => ({ method: "GET", path: "/api/v1/specs" }),
    status: 200,
  },
  {
    operationId: "getSpecs",
    what: "list specs, one at a time",
    request: () => ({ method: "GET", path: "/api/v1/specs?limit=1" }),
    status: 200,
    check: (body) =>
      typeof (body as { nextCursor: unknown }).nextCursor === "string" ? undefined : "no nextCursor",
    after: (ctx, body) => {
      ctx.specCursor = (body as { nextCursor: string }).nextCursor;
    },
  },
  {
    operationId: "getSpecs",
    what: "the next page of specs",
    request: (ctx) => ({ method: "GET", path: `/api/v1/specs?limit=1&cursor=${ctx.specCursor}` }),
    status: 200,
  },
  {
    operationId: "getSpecs",
    what: "a cursor that is not a spec id",
    request: () => ({ method: "GET", path: "/api/v1/specs?cursor=nope" }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getSpecsSpecId",
    what: "read the spec",
    request: (ctx) => ({ method: "GET", path: `/api/v1/specs/${ctx.specId}` }),
    status: 200,
  },
  {
    operationId: "postRuns",
    what: "start a run that needs approvals",
    request: (ctx) => ({
      method: "POST",
      path: "/api/v1/runs",
      body: { specId: ctx.specId, settings: { mode: "waves" } },
    }),
    status: 201,
    after: (ctx, body) => {
      ctx.newRunId = (body as { runId: string }).runId;
    },
  },
  {
    operationId: "postRuns",
    what: "an unknown spec",
    request: () => ({ method: "POST", path: "/api/v1/runs", body: { specId: "spec_nope" } }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getRuns",
    what: "list runs",
    request: () => ({ method: "GET", path: "/api/v1/runs" }),
    status: 200,
  },
  {
    operationId: "getRuns",
    what: "list cancelled runs, at most 5",
    request: () => ({ method: "GET", path: "/api/v1/runs?status=cancelled&limit=5" }),
    status: 200,
  },
  {
    operationId: "getRuns",
    what: "list runs, one at a time",
    request: () => ({ method: "GET", path: "/api/v1/runs?limit=1" }),
    status: 200,
    check: (body) =>
      typeof (body as { nextCursor: unknown }).nextCursor === "string" ? undefined : "no nextCursor",
    after: (ctx, body) => {
      ctx.runCursor = (body as { nextCursor: string }).nextCursor;
    },
  },
  {
    operationId: "getRuns",
    what: "the next page of runs",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs?limit=1&cursor=${ctx.runCursor}` }),
    status: 200,
  },
  {
    operationId: "getRuns",
    what: "an unknown status",
    request: () => ({ method: "GET", path: "/api/v1/runs?status=lost" }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getRunsRunId",
    what: "read the run",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.newRunId}` }),
    status: 200,
  },
  {
    operationId: "getRunsRunId",
    what: "an unknown run",
    request: () => ({ method: "GET", path: "/api/v1/runs/run_nope" }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "postRunsRunIdItemsKey",
    what: "skip a pending item of the last wave",
    request: (ctx) => ({
      method: "POST",
      path: `/api/v1/runs/${ctx.newRunId}/items/WS5`,
      body: { action: "skip" },
    }),
    status: 200,
  },
  {
    operationId: "postRunsRunIdItemsKey",
    what: "mark done an item that is not manual",
    request: (ctx) => ({
      method: "POST",
      path: `/api/v1/runs/${ctx.newRunId}/items/WS5`,
      body: { action: "mark_done" },
    }),
    status: 409,
    code: "invalid_state",
  },
  {
    operationId: "postRunsRunIdApprovals",
    what: "pause at wave 1 (kept until the wave closes, or applied)",
    request: (ctx) => ({
      method: "POST",
      path: `/api/v1/runs/${ctx.newRunId}/approvals`,
      body: { waveIndex: 0, decision: "pause", comment: "exercise" },
    }),
    status: 200,
  },
  {
    operationId: "postRunsRunIdCancel",
    what: "cancel the run",
    request: (ctx) => ({ method: "POST", path: `/api/v1/runs/${ctx.newRunId}/cancel` }),
    status: 200,
  },
  {
    operationId: "postRunsRunIdApprovals",
    what: "approve a cancelled run",
    request: (ctx) => ({
      method: "POST",
      path: `/api/v1/runs/${ctx.newRunId}/approvals`,
      body: { waveIndex: 0, decision: "continue" },
    }),
    status: 409,
    code: "invalid_state",
  },
  {
    operationId: "getRunsRunIdExport",
    what: "export a finished run",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.finishedRunId}/export?format=result` }),
    status: 200,
  },
  {
    operationId: "getRunsRunIdExport",
    what: "an unknown format",
    request: (ctx) => ({ method: "GET", path: `/api/v1/runs/${ctx.finishedRunId}/export?format=docx` }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getTokens",
    what: "the administrator's tokens",
    request: () => ({ method: "GET", path: "/api/v1/tokens" }),
    status: 200,
  },
  {
    operationId: "postTokens",
    what: "create a token, signed in",
    request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: "api-exercise" } }),
    session: true,
    status: 201,
    check: (body) => (/^swt_/.test((body as { token: string }).token) ? undefined : "no swt_ secret"),
    after: (ctx, body) => {
      ctx.tokenId = (body as { id: string }).id;
    },
  },
  {
    operationId: "postTokens",
    what: "a token without a name",
    request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: " " } }),
    session: true,
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "postTokens",
    what: "a token cannot create tokens",
    request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: "minted by a token" } }),
    status: 403,
    code: "forbidden",
  },
  {
    operationId: "deleteTokensTokenId",
    what: "revoke the token",
    request: (ctx) => ({ method: "DELETE", path: `/api/v1/tokens/${ctx.tokenId}` }),
    status: 200,
    check: (body) => ((body as { revokedAt: string | null }).revokedAt ? undefined : "revokedAt is not set"),
  },
  {
    operationId: "deleteTokensTokenId",
    what: "an unknown token",
    request: () => ({ method: "DELETE", path: "/api/v1/tokens/tok_nope" }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getUsers",
    what: "list users",
    request: () => ({ method: "GET", path: "/api/v1/users" }),
    status: 200,
    check: (body) =>
      (body as { users: { email: string }[] }).users.some((user) => user.email === "viewer@example.com")
        ? undefined
        : "viewer@example.com is not listed",
  },
  {
    operationId: "postUsers",
    what: "create a user",
    request: (ctx) => {
      ctx.newUserEmail ??= `exercise-${Date.now().toString(36)}@example.com`;
      return {
        method: "POST",
        path: "/api/v1/users",
        body: { email: ctx.newUserEmail, name: "Exercise", password: "a long enough password" },
      };
    },
    status: 201,
  },
  {
    operationId: "postUsers",
    what: "the same email again",
    request: (ctx) => ({
      method: "POST",
      path: "/api/v1/users",
      body: { email: ctx.newUserEmail, name: "Exercise", password: "a long enough password" },
    }),
    status: 409,
    code: "conflict",
  },
  {
    operationId: "postUsers",
    what: "an email that is not one",
    request: () => ({
      method: "POST",
      path: "/api/v1/users",
      body: { email: "nobody", name: "Nobody", password: "a long enough password" },
    }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getProjects",
    what: "list projects",
    request: () => ({ method: "GET", path: "/api/v1/projects" }),
    status: 200,
    check: (body) =>
      (body as { projects: { id: string }[] }).projects.some((project) => project.id === "prj_demo")
        ? undefined
        : "prj_demo is not listed",
  },
  {
    operationId: "getProjectsProjectId",
    what: "read the demo project",
    request: () => ({ method: "GET", path: "/api/v1/projects/prj_demo" }),
    status: 200,
  },
  {
    operationId: "getProjectsProjectId",
    what: "an unknown project",
    request: () => ({ method: "GET", path: "/api/v1/projects/prj_nope" }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "patchProjectsProjectId",
    what: "spec-defined commands off",
    request: () => ({
      method: "PATCH",
      path: "/api/v1/projects/prj_demo",
      body: { specCommandsEnabled: false },
    }),
    status: 200,
    check: (body) =>
      (body as { settings: { specCommandsEnabled: boolean } }).settings.specCommandsEnabled === false
        ? undefined
        : "specCommandsEnabled is still on",
  },
  {
    operationId: "patchProjectsProjectId",
    what: "a setting that does not exist",
    request: () => ({ method: "PATCH", path: "/api/v1/projects/prj_demo", body: { colour: "blue" } }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getProjectsProjectIdMembers",
    what: "the demo project's members",
    request: () => ({ method: "GET", path: "/api/v1/projects/prj_demo/members" }),
    status: 200,
    check: (body) => {
      const roles = (body as { members: { email: string; role: string }[] }).members.map(
        (member) => `${member.email}:${member.role}`,
      );
      return roles.includes("approver@example.com:approver") && roles.includes("viewer@example.com:viewer")
        ? undefined
        : `unexpected members ${roles.join(", ")}`;
    },
  },
  {
    operationId: "putProjectsProjectIdMembers",
    what: "make the outsider a viewer",
    request: () => ({
      method: "PUT",
      path: "/api/v1/projects/prj_demo/members",
      body: { email: "outsider@example.com", role: "viewer" },
    }),
    status: 200,
    after: (ctx, body) => {
      ctx.memberUserId = (body as { member: { userId: string } }).member.userId;
    },
  },
  {
    operationId: "putProjectsProjectIdMembers",
    what: "an email with no user",
    request: () => ({
      method: "PUT",
      path: "/api/v1/projects/prj_demo/members",
      body: { email: "nobody-here@example.com", role: "viewer" },
    }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "deleteProjectsProjectIdMembersUserId",
    what: "remove the outsider again",
    request: (ctx) => ({ method: "DELETE", path: `/api/v1/projects/prj_demo/members/${ctx.memberUserId}` }),
    status: 200,
  },
  {
    operationId: "deleteProjectsProjectIdMembersUserId",
    what: "someone who is not a member",
    request: (ctx) => ({ method: "DELETE", path: `/api/v1/projects/prj_demo/members/${ctx.memberUserId}` }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getAudit",
    what: "the audit log",
    request: () => ({ method: "GET", path: "/api/v1/audit" }),
    status: 200,
  },
  {
    operationId: "getAudit",
    what: "the audit log, one entry at a time",
    request: () => ({ method: "GET", path: "/api/v1/audit?limit=1" }),
    status: 200,
    check: (body) =>
      typeof (body as { nextCursor: unknown }).nextCursor === "string" ? undefined : "no nextCursor",
    after: (ctx, body) => {
      ctx.auditCursor = (body as { nextCursor: string }).nextCursor;
    },
  },
  {
    operationId: "getAudit",
    what: "the next page of the audit log",
    request: (ctx) => ({ method: "GET", path: `/api/v1/audit?limit=1&cursor=${ctx.auditCursor}` }),
    status: 200,
  },
  {
    operationId: "getAudit",
    what: "a cursor that is not one",
    request: () => ({ method: "GET", path: "/api/v1/audit?cursor=abc" }),
    status: 400,
    code: "bad_request",
  },
];

export interface ExerciseResult {
  operationId: string;
  what: string;
  status: number;
  problem?: string;
}

export async function exerciseEndpoints(ctx: ExerciseContext): Promise<ExerciseResult[]> {
  const byId = new Map(endpoints.map((endpoint) => [operationId(endpoint), endpoint]));
  const results: ExerciseResult[] = [];
  for (const c of cases) {
    const { method, path, body } = c.request(ctx);
    const headers: Record<string, string> = c.anonymous
      ? {}
      : c.session
        ? { cookie: ctx.cookie, origin: ctx.baseUrl }
        : { authorization: `Bearer ${ctx.token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${ctx.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const result: ExerciseResult = { operationId: c.operationId, what: c.what, status: response.status };
    results.push(result);
    if (response.status !== c.status) {
      result.problem = `expected HTTP ${c.status}: ${text.slice(0, 300)}`;
      continue;
    }
    const endpoint = byId.get(c.operationId);
    const json = response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
    const schema: z.ZodType | undefined = c.code ? errorBodySchema : endpoint?.response.schema;
    const parsed = schema?.safeParse(json);
    if (parsed && !parsed.success)
      result.problem = `answer does not match its schema: ${parsed.error.message}`;
    else if (c.code && (json as { error: { code: string } }).error.code !== c.code)
      result.problem = `expected code ${c.code}: ${text.slice(0, 300)}`;
    else {
      const problem = c.check?.(json, ctx);
      if (problem) result.problem = `${problem}: ${text.slice(0, 300)}`;
      else c.after?.(ctx, json);
    }
  }
  return results;
}

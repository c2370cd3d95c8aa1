/**
 * Calls every operation of a running server's OpenAPI document at least once and checks each
 * answer against the documented status and zod schema (the typed error body for errors). The
 * CLI's integration test runs it against a real Specwave; an operation with no case here fails
 * that test, so a new endpoint cannot ship unexercised.
 */
import type { z } from "zod";
import { errorBodySchema } from "../web/schemas";
import { endpoints } from "./endpoints";
import { acceptedDependencyCases } from "./exercise-accepted-dependencies";
import { peopleCases } from "./exercise-people";
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

export interface Case {
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
  ...acceptedDependencyCases,
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
    what: "skip an item others depend on, without confirming",
    request: (ctx) => ({
      method: "POST",
      path: `/api/v1/runs/${ctx.newRunId}/items/WS3`,
      body: { action: "skip" },
    }),
    status: 409,
    code: "conflict",
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
  ...peopleCases,
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

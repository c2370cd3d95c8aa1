/**
 * Every endpoint of the REST API under /api/v1, described once: the OpenAPI document and the
 * reference page are generated from this list, and a test checks it against the route files
 * under app/api/v1, so a route added without an entry here (or an entry without a route), or one
 * whose access differs from what its `route({ kind, role })` declares, fails.
 */
import { z } from "zod";
import type { ProjectRole } from "../auth/roles";
import { newUserSchema } from "../auth/users";
import { exportQuerySchema } from "../exports/render";
import { memberInputSchema, projectSettingsSchema } from "../projects/members";
import {
  auditPageSchema,
  auditQuerySchema,
  cancelOutcomeSchema,
  decisionOutcomeSchema,
  decisionSchema,
  exampleListSchema,
  exampleSchema,
  itemActionSchema,
  itemDiffSchema,
  itemEvidenceSchema,
  memberListSchema,
  memberSetSchema,
  meSchema,
  okSchema,
  projectListSchema,
  projectSchema,
  runListQuerySchema,
  runListSchema,
  runStartedSchema,
  runViewSchema,
  setupStatusSchema,
  specCreatedSchema,
  specCreateSchema,
  specDetailSchema,
  specListQuerySchema,
  specListSchema,
  specPreviewSchema,
  specUploadSchema,
  startRunSchema,
  tokenCreatedSchema,
  tokenCreateSchema,
  tokenListSchema,
  tokenSummarySchema,
  userCreatedSchema,
  userListSchema,
} from "../web/schemas";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * Error codes a route can answer with (server/errors/app-error.ts); each maps to one status.
 * `too_large` and `rate_limited` are listed for routes that will answer them; none does yet.
 */
export type DocumentedError =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "invalid_spec"
  | "not_found"
  | "conflict"
  | "invalid_state"
  | "too_large"
  | "rate_limited"
  | "unavailable";

/**
 * Who may call an endpoint: the `route({ kind, role })` its handler declares (server/web/route.ts;
 * a test compares the two). `project`: at least `role` in the project the path names (through a
 * run, a spec or the project itself); `body-project`: in the project the request body names.
 */
export type Access =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "instance-admin" }
  | { kind: "project"; role: ProjectRole }
  | { kind: "body-project"; role: ProjectRole };

export type Tag = "people" | "projects" | "specs" | "runs" | "examples" | "audit" | "meta";

export interface Endpoint {
  method: HttpMethod;
  /** OpenAPI form: `/api/v1/runs/{runId}`. */
  path: string;
  summary: string;
  description?: string;
  tag: Tag;
  access: Access;
  /** Who may call it, in words, when `access` alone does not say it (replaces the generated sentence). */
  who?: string;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A JSON response; `content` describes a non-JSON or free-form one. */
  response: { status: number; description: string; schema?: z.ZodType; content?: Record<string, string> };
  errors: DocumentedError[];
}

/** The sentence the reference adds to an endpoint's description: who may call it. */
export function accessSentence(endpoint: Pick<Endpoint, "access" | "path" | "who">): string {
  if (endpoint.who) return endpoint.who;
  const { access } = endpoint;
  switch (access.kind) {
    case "public":
      return "Public: needs no authentication.";
    case "signed-in":
      return "Any signed-in user (session cookie or API token).";
    case "instance-admin":
      return "Administrators of Specwave only; anyone else gets 403 `forbidden`.";
    case "project": {
      const project = endpoint.path.includes("{runId}")
        ? "the run's project"
        : endpoint.path.includes("{specId}")
          ? "the spec's project"
          : "the project";
      const lower = access.role === "viewer" ? "" : " and a lower role 403 `forbidden`";
      return `Needs the ${access.role} role or above in ${project} (administrators of Specwave hold every role); a caller with no role there gets 404 \`not_found\`${lower}.`;
    }
    case "body-project":
      return `Needs the ${access.role} role or above in the project the request acts on (administrators of Specwave hold every role); 403 \`forbidden\` otherwise.`;
  }
}

const runId = { runId: "The run's id (`run_…`)." };
const projectId = { projectId: "The project's id (`prj_…`; the demo project is `prj_demo`)." };

/** Re-exported: POST /specs's body now lives with the other request bodies. */
export { specCreateSchema };

/** POST /users: a new user's email, name and first password, and whether they administer Specwave. */
export const userCreateSchema = newUserSchema.extend({ isAdmin: z.boolean().optional() });

export const endpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This document",
    tag: "meta",
    access: { kind: "public" },
    response: {
      status: 200,
      description: "The OpenAPI 3.1 document.",
      content: { "application/json": "object" },
    },
    errors: ["unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/setup",
    summary: "Whether Specwave still needs its first administrator",
    tag: "people",
    access: { kind: "public" },
    response: {
      status: 200,
      description: "`needsSetup` is true while there are no users.",
      schema: setupStatusSchema,
    },
    errors: ["unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/setup",
    summary: "Create the first administrator",
    description:
      "The first-run flow: works once, while Specwave has no users, and creates an administrator of Specwave. Afterwards it answers 409 `conflict`: sign in instead.",
    tag: "people",
    access: { kind: "public" },
    body: newUserSchema,
    response: { status: 201, description: "The administrator.", schema: userCreatedSchema },
    errors: ["bad_request", "conflict", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/me",
    summary: "Who is calling, and their role in each project",
    tag: "people",
    access: { kind: "signed-in" },
    response: {
      status: 200,
      description: "The caller, how they signed in, and the projects they may read.",
      schema: meSchema,
    },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    summary: "List the caller's API tokens",
    description: "Revoked tokens included, newest first; never the secrets.",
    tag: "people",
    access: { kind: "signed-in" },
    response: { status: 200, description: "The caller's tokens.", schema: tokenListSchema },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token",
    description:
      "The token acts with the caller's own roles. The answer is the only time its secret (`token`) is shown; send it as `Authorization: Bearer swt_…`. Only a signed-in session creates tokens: a request made with a token answers 403 `forbidden`, so a leaked token cannot mint a successor that outlives its revocation.",
    tag: "people",
    access: { kind: "signed-in" },
    body: tokenCreateSchema,
    response: { status: 201, description: "The token and its secret.", schema: tokenCreatedSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "unavailable"],
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{tokenId}",
    summary: "Revoke an API token",
    description:
      "It stops working at once; revoking twice is harmless. Callers may revoke their own tokens, administrators of Specwave anyone's; someone else's token answers 404 `not_found`.",
    tag: "people",
    access: { kind: "signed-in" },
    pathParams: { tokenId: "The token's id (`tok_…`)." },
    response: { status: 200, description: "The token, with `revokedAt` set.", schema: tokenSummarySchema },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/users",
    summary: "List users",
    tag: "people",
    access: { kind: "instance-admin" },
    response: { status: 200, description: "Every user, oldest first.", schema: userListSchema },
    errors: ["unauthenticated", "forbidden", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/users",
    summary: "Create a user",
    description:
      "With a first password; then give them roles in projects (PUT /api/v1/projects/{projectId}/members). An email already in use answers 409 `conflict`.",
    tag: "people",
    access: { kind: "instance-admin" },
    body: userCreateSchema,
    response: { status: 201, description: "The user.", schema: userCreatedSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "conflict", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/examples",
    summary: "List the bundled example specs",
    tag: "examples",
    access: { kind: "signed-in" },
    response: { status: 200, description: "File names under examples/specs.", schema: exampleListSchema },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/examples/{name}",
    summary: "Read one example spec",
    tag: "examples",
    access: { kind: "signed-in" },
    pathParams: { name: "A file name from the list." },
    response: { status: 200, description: "The file's name and text.", schema: exampleSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/specs",
    summary: "List stored specs, newest first, a page at a time",
    description: "Only the specs of projects the caller may read.",
    tag: "specs",
    access: { kind: "signed-in" },
    query: specListQuerySchema,
    response: { status: 200, description: "Specs, newest first.", schema: specListSchema },
    errors: ["bad_request", "unauthenticated", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/specs",
    summary: "Upload a spec",
    description:
      "Parses and plans the files and stores the spec in `projectId` (default `prj_demo`); a spec with errors is refused with 422 `invalid_spec` and its issues (file and line) in `details.errors`, nothing stored. A project the caller cannot read answers 404 `not_found`.",
    tag: "specs",
    access: { kind: "body-project", role: "approver" },
    body: specCreateSchema,
    response: { status: 201, description: "The stored spec's id and plan.", schema: specCreatedSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "invalid_spec", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/specs/preview",
    summary: "Plan files without storing them",
    tag: "specs",
    access: { kind: "body-project", role: "approver" },
    who: "Needs the approver role or above in some project (administrators of Specwave hold every role); 403 `forbidden` otherwise.",
    body: specUploadSchema,
    response: {
      status: 200,
      description: "The plan, or the errors with file and line.",
      schema: specPreviewSchema,
    },
    errors: ["bad_request", "unauthenticated", "forbidden", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/specs/{specId}",
    summary: "Read a stored spec and its plan",
    tag: "specs",
    access: { kind: "project", role: "viewer" },
    pathParams: { specId: "The spec's id (`spec_…`)." },
    response: { status: 200, description: "The spec.", schema: specDetailSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs",
    summary: "List runs, newest first, a page at a time",
    description: "Only the runs of projects the caller may read.",
    tag: "runs",
    access: { kind: "signed-in" },
    query: runListQuerySchema,
    response: { status: 200, description: "Runs, newest first.", schema: runListSchema },
    errors: ["bad_request", "unauthenticated", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs",
    summary: "Start a run of a stored spec",
    description:
      "`settings.approval: automatic` runs every wave without stopping for approval; `strict` stops the run on the first failed item. A spec the caller cannot read answers 404 `not_found`.",
    tag: "runs",
    access: { kind: "body-project", role: "approver" },
    who: "Needs the approver role or above in the spec's project (administrators of Specwave hold every role); 403 `forbidden` otherwise.",
    body: startRunSchema,
    response: { status: 201, description: "The new run's id.", schema: runStartedSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}",
    summary: "Read a run: waves, items, steps, approvals, gates",
    tag: "runs",
    access: { kind: "project", role: "viewer" },
    pathParams: runId,
    response: { status: 200, description: "The run.", schema: runViewSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/approvals",
    summary: "Continue or Pause on a wave",
    description:
      "Continue on a wave awaiting approval opens the next one (on a paused run it resumes it); Pause pauses the run. Repeats answer `duplicate`.",
    tag: "runs",
    access: { kind: "project", role: "approver" },
    pathParams: runId,
    body: decisionSchema,
    response: { status: 200, description: "What the decision did.", schema: decisionOutcomeSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "invalid_state", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/cancel",
    summary: "Cancel a run",
    tag: "runs",
    access: { kind: "project", role: "approver" },
    pathParams: runId,
    response: {
      status: 200,
      description: "`already_final` when the run had ended.",
      schema: cancelOutcomeSchema,
    },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/export",
    summary: "Download a run in a seed workflow's format",
    tag: "runs",
    access: { kind: "project", role: "viewer" },
    pathParams: runId,
    query: exportQuerySchema,
    response: {
      status: 200,
      description: "An attachment (Content-Disposition names the file).",
      content: {
        "application/json": "checkpoint, execution, result",
        "text/markdown": "progress, tasks",
      },
    },
    errors: ["bad_request", "unauthenticated", "not_found", "invalid_state", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/items/{key}/evidence",
    summary: "The evidence behind an item's status",
    description:
      "Every step with its result (the verify step's holds the parsed test report, coverage, the files and the commit) and every attempt with its error and output tail.",
    tag: "runs",
    access: { kind: "project", role: "viewer" },
    pathParams: { ...runId, key: "The item's key in the spec (WS1, T001, US-007…)." },
    response: { status: 200, description: "The item's evidence.", schema: itemEvidenceSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/items/{key}/diff",
    summary: "The files an item's commit changed, with their patches",
    description:
      "Read from the project's repository with `git show` of the commit the verify step recorded; the text is cut at 256 KiB (`truncated`). 404 while the item has no commit.",
    tag: "runs",
    access: { kind: "project", role: "viewer" },
    pathParams: { ...runId, key: "The item's key in the spec (WS1, T001, US-007…)." },
    response: { status: 200, description: "The commit and its files.", schema: itemDiffSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/items/{key}",
    summary: "Retry, skip, or mark a manual item done or failed",
    tag: "runs",
    access: { kind: "project", role: "approver" },
    pathParams: { ...runId, key: "The item's key in the spec (WS1, T001, US-007…)." },
    body: itemActionSchema,
    response: { status: 200, description: "Done.", schema: okSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "invalid_state", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/projects",
    summary: "List the projects the caller may read",
    description: "Administrators of Specwave see every project; others the projects they hold a role in.",
    tag: "projects",
    access: { kind: "signed-in" },
    response: { status: 200, description: "Projects, oldest first.", schema: projectListSchema },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}",
    summary: "Read a project: its settings and its gates' commands",
    tag: "projects",
    access: { kind: "project", role: "viewer" },
    pathParams: projectId,
    response: { status: 200, description: "The project.", schema: projectSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "patch",
    path: "/api/v1/projects/{projectId}",
    summary: "Change a project's settings",
    description:
      "Its name, whether specs' own gate commands run (`specCommandsEnabled`), and the run settings its runs start with (`runDefaults`, replaced as a whole). Fields left out keep their value; unknown fields answer 400.",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: projectId,
    body: projectSettingsSchema,
    response: { status: 200, description: "The project as it is now.", schema: projectSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/members",
    summary: "List a project's members and their roles",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: projectId,
    response: { status: 200, description: "Members, in the order they joined.", schema: memberListSchema },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "put",
    path: "/api/v1/projects/{projectId}/members",
    summary: "Add a user to a project, or change their role",
    description: "The user must exist (POST /api/v1/users); an unknown email answers 404 `not_found`.",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: projectId,
    body: memberInputSchema,
    response: { status: 200, description: "The membership as it is now.", schema: memberSetSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "delete",
    path: "/api/v1/projects/{projectId}/members/{userId}",
    summary: "Remove a user from a project",
    description: "A user who is not a member answers 404 `not_found`.",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: { ...projectId, userId: "The user's id (`userId` in the member list)." },
    response: { status: 200, description: "Done.", schema: okSchema },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/audit",
    summary: "Read the audit log, newest first, a page at a time",
    description:
      "Sign-ins, users, members, settings, tokens, uploads, runs and every decision, with who did it and from where.",
    tag: "audit",
    access: { kind: "signed-in" },
    who: "Administrators of Specwave read all of it; a project's administrators the entries of their projects; anyone else gets 403 `forbidden`.",
    query: auditQuerySchema,
    response: { status: 200, description: "Entries, newest first.", schema: auditPageSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "unavailable"],
  },
];

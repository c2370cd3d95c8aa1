/**
 * Every endpoint of the REST API under /api/v1, described once: the OpenAPI document and the
 * reference page are generated from this list, and a test checks it against the route files
 * under app/api/v1, so a route added without an entry here (or an entry without a route), or one
 * whose access differs from what its `route({ kind, role })` declares, fails.
 */
import type { z } from "zod";
import type { ProjectRole } from "../auth/roles";
import { exportQuerySchema } from "../exports/render";
import {
  cancelOutcomeSchema,
  decisionOutcomeSchema,
  decisionSchema,
  exampleListSchema,
  exampleSchema,
  itemActionSchema,
  itemDiffSchema,
  itemEvidenceSchema,
  okSchema,
  runListQuerySchema,
  runListSchema,
  runStartedSchema,
  runViewSchema,
  specCreatedSchema,
  specCreateSchema,
  specDetailSchema,
  specListQuerySchema,
  specListSchema,
  specPreviewSchema,
  specUploadSchema,
  startRunSchema,
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

import { peopleEndpoints, projectEndpoints } from "./people-endpoints";

export { userCreateSchema } from "./people-endpoints";
/** Re-exported: POST /specs's body now lives with the other request bodies. */
export { specCreateSchema };

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
  ...peopleEndpoints,
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
      "Parses and plans the files, with the `acceptedDependencies` applied, and stores the spec in `projectId` (default `prj_demo`); a spec with errors (an accepted dependency that would make a circle included) is refused with 422 `invalid_spec` and its issues (file, line and the line's text) in `details.errors`, nothing stored. A project the caller cannot read answers 404 `not_found`.",
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
    description:
      "The plan with the `acceptedDependencies` applied, the suggested dependencies to accept or reject, and every error and warning with its file, line and the line's text. Spec problems (an accepted dependency that would make a circle included) answer 200 with `ok: false`.",
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
    description:
      "Skipping an item that items still to run depend on needs `confirm: true`; without it the answer is 409 `conflict` with `details.reason` `dependents_need_confirmation` and `details.dependents`, and nothing changes.",
    tag: "runs",
    access: { kind: "project", role: "approver" },
    pathParams: { ...runId, key: "The item's key in the spec (WS1, T001, US-007…)." },
    body: itemActionSchema,
    response: { status: 200, description: "Done.", schema: okSchema },
    errors: [
      "bad_request",
      "unauthenticated",
      "forbidden",
      "not_found",
      "conflict",
      "invalid_state",
      "unavailable",
    ],
  },
  ...projectEndpoints,
];

/**
 * Every endpoint of the REST API under /api/v1, described once: the OpenAPI document and the
 * reference page are generated from this list, and a test checks it against the route files
 * under app/api/v1, so a route added without an entry here (or an entry without a route) fails.
 */
import { z } from "zod";
import { exportQuerySchema } from "../exports/render";
import {
  cancelOutcomeSchema,
  decisionOutcomeSchema,
  decisionSchema,
  exampleListSchema,
  exampleSchema,
  itemActionSchema,
  okSchema,
  runListQuerySchema,
  runListSchema,
  runStartedSchema,
  runViewSchema,
  specCreatedSchema,
  specDetailSchema,
  specListSchema,
  specPreviewSchema,
  specUploadSchema,
  startRunSchema,
} from "../web/schemas";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Error codes a route can answer with (server/errors/app-error.ts); each maps to one status. */
export type DocumentedError = "bad_request" | "invalid_spec" | "not_found" | "invalid_state" | "unavailable";

export interface Endpoint {
  method: HttpMethod;
  /** OpenAPI form: `/api/v1/runs/{runId}`. */
  path: string;
  summary: string;
  description?: string;
  tag: "specs" | "runs" | "examples" | "meta";
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A JSON response; `content` describes a non-JSON or free-form one. */
  response: { status: number; description: string; schema?: z.ZodType; content?: Record<string, string> };
  errors: DocumentedError[];
}

const runId = { runId: "The run's id (`run_…`)." };

/** POST /specs takes the upload with an optional display name (the route extends the upload schema). */
export const specCreateSchema = specUploadSchema.extend({ name: z.string().min(1).max(200).optional() });

export const endpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This document",
    tag: "meta",
    response: {
      status: 200,
      description: "The OpenAPI 3.1 document.",
      content: { "application/json": "object" },
    },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/examples",
    summary: "List the bundled example specs",
    tag: "examples",
    response: { status: 200, description: "File names under examples/specs.", schema: exampleListSchema },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/examples/{name}",
    summary: "Read one example spec",
    tag: "examples",
    pathParams: { name: "A file name from the list." },
    response: { status: 200, description: "The file's name and text.", schema: exampleSchema },
    errors: ["not_found"],
  },
  {
    method: "get",
    path: "/api/v1/specs",
    summary: "List stored specs (newest 50)",
    tag: "specs",
    response: { status: 200, description: "Specs, newest first.", schema: specListSchema },
    errors: ["unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/specs",
    summary: "Upload a spec",
    description:
      "Parses and plans the files; a spec with errors is refused with 422 `invalid_spec` and its issues (file and line) in `details.errors`, nothing stored.",
    tag: "specs",
    body: specCreateSchema,
    response: { status: 201, description: "The stored spec's id and plan.", schema: specCreatedSchema },
    errors: ["bad_request", "invalid_spec", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/specs/preview",
    summary: "Plan files without storing them",
    tag: "specs",
    body: specUploadSchema,
    response: {
      status: 200,
      description: "The plan, or the errors with file and line.",
      schema: specPreviewSchema,
    },
    errors: ["bad_request"],
  },
  {
    method: "get",
    path: "/api/v1/specs/{specId}",
    summary: "Read a stored spec and its plan",
    tag: "specs",
    pathParams: { specId: "The spec's id (`spec_…`)." },
    response: { status: 200, description: "The spec.", schema: specDetailSchema },
    errors: ["not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs",
    summary: "List runs, newest first",
    tag: "runs",
    query: runListQuerySchema,
    response: { status: 200, description: "Runs, newest first.", schema: runListSchema },
    errors: ["bad_request", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs",
    summary: "Start a run of a stored spec",
    description:
      "`settings.approval: automatic` runs every wave without stopping for approval; `strict` stops the run on the first failed item.",
    tag: "runs",
    body: startRunSchema,
    response: { status: 201, description: "The new run's id.", schema: runStartedSchema },
    errors: ["bad_request", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}",
    summary: "Read a run: waves, items, steps, approvals, gates",
    tag: "runs",
    pathParams: runId,
    response: { status: 200, description: "The run.", schema: runViewSchema },
    errors: ["not_found", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/approvals",
    summary: "Continue or Pause on a wave",
    description:
      "Continue on a wave awaiting approval opens the next one (on a paused run it resumes it); Pause pauses the run. Repeats answer `duplicate`.",
    tag: "runs",
    pathParams: runId,
    body: decisionSchema,
    response: { status: 200, description: "What the decision did.", schema: decisionOutcomeSchema },
    errors: ["bad_request", "not_found", "invalid_state", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/cancel",
    summary: "Cancel a run",
    tag: "runs",
    pathParams: runId,
    response: {
      status: 200,
      description: "`already_final` when the run had ended.",
      schema: cancelOutcomeSchema,
    },
    errors: ["not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}/export",
    summary: "Download a run in a seed workflow's format",
    tag: "runs",
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
    errors: ["bad_request", "not_found", "invalid_state", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/items/{key}",
    summary: "Retry, skip, or mark a manual item done or failed",
    tag: "runs",
    pathParams: { ...runId, key: "The item's key in the spec (WS1, T001, US-007…)." },
    body: itemActionSchema,
    response: { status: 200, description: "Done.", schema: okSchema },
    errors: ["bad_request", "not_found", "invalid_state", "unavailable"],
  },
];

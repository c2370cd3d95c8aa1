/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate
 * with (zod 4's toJSONSchema; OpenAPI 3.1 uses JSON Schema 2020-12, so its output fits as is).
 */
import { z } from "zod";
import { errorStatus } from "../errors/app-error";
import { accessSentence, type Endpoint, endpoints } from "./endpoints";

type JsonObject = Record<string, unknown>;

const COMPONENTS = "#/components/schemas/";

/**
 * A schema with a registered id becomes a $ref; any other is inlined, its registered parts
 * pointing into components (zod writes them as local $defs, which are all in components).
 */
function toSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `${COMPONENTS}${id}` };
  const {
    $schema: _s,
    $defs: _d,
    ...json
  } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonObject;
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as JsonObject;
}

function components(): Record<string, JsonObject> {
  const all = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `${COMPONENTS}${id}`,
    unrepresentable: "any",
  }) as { schemas: Record<string, JsonObject> };
  const out: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(all.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    out[id] = rest;
  }
  return out;
}

function operation(endpoint: Endpoint): JsonObject {
  const parameters = [
    ...Object.entries(endpoint.pathParams ?? {}).map(([name, description]) => ({
      name,
      in: "path",
      required: true,
      description,
      schema: { type: "string" },
    })),
    ...Object.entries(endpoint.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: "query",
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: toSchema(schema as z.ZodType, "input"),
    })),
  ];
  const success = endpoint.response.schema
    ? { "application/json": { schema: toSchema(endpoint.response.schema, "output") } }
    : Object.fromEntries(
        Object.entries(endpoint.response.content ?? {}).map(([type, description]) => [
          type,
          { schema: { type: type === "application/json" ? "object" : "string", description } },
        ]),
      );
  const responses: JsonObject = {
    [String(endpoint.response.status)]: { description: endpoint.response.description, content: success },
  };
  // Every route can fail unexpectedly (500); the documented codes come first.
  for (const code of [...endpoint.errors, "internal" as const]) {
    const status = String(errorStatus[code]);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, or \`${code}\`` : `\`${code}\``,
      content: { "application/json": { schema: { $ref: `${COMPONENTS}ErrorBody` } } },
    };
  }
  return {
    operationId: operationId(endpoint),
    summary: endpoint.summary,
    description: [endpoint.description, accessSentence(endpoint)].filter(Boolean).join("\n\n"),
    tags: [endpoint.tag],
    // The document's `security` applies to every other operation.
    ...(endpoint.access.kind === "public" ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toSchema(endpoint.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** `post /api/v1/runs/{runId}/cancel` → `postRunsRunIdCancel`: stable and unique per endpoint. */
export function operationId(endpoint: Pick<Endpoint, "method" | "path">): string {
  const words = endpoint.path
    .replace(/^\/api\/v1\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return endpoint.method + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
}

export function buildOpenApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const endpoint of endpoints) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method]: operation(endpoint) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Specwave REST API",
      version: "1",
      description: [
        "Every action the dashboard takes. Errors answer `{ error: { code, message, details } }` with the status of their code.",
        "Authentication: send an API token as `Authorization: Bearer swt_…` (create one with POST /api/v1/tokens or on the dashboard; the `specwave` CLI sends `$SPECWAVE_TOKEN`), or the session cookie the sign-in page sets. Everything but this document and the first-run endpoints (/api/v1/setup) needs one: without it, or with an unknown or revoked token, the answer is 401 `unauthenticated`. A token is checked first: a request with a bad token is refused even if it also carries a cookie.",
        "Roles are per project: viewer (read), approver (upload specs, start runs, approve, retry, skip, cancel) and admin (settings and members); each includes the ones before it, and administrators of Specwave hold every role in every project. A role too low answers 403 `forbidden`; a project, run or spec the caller may not read at all answers 404 `not_found`, as if it did not exist. A change (POST, PUT, PATCH, DELETE) authenticated by the session cookie must also come from Specwave's own pages (`Origin`), or it answers 403 `forbidden`; token requests need no such check.",
      ].join("\n\n"),
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "people", description: "First run, the caller, users and API tokens." },
      { name: "projects", description: "Projects, their settings and their members." },
      { name: "specs", description: "Upload and plan specs." },
      { name: "runs", description: "Start, follow, approve, cancel and export runs." },
      { name: "examples", description: "The example specs bundled with Specwave." },
      { name: "audit", description: "Who did what, and when." },
      { name: "meta", description: "This document." },
    ],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API token: `swt_` and 43 more characters.",
        },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: "specwave.session_token",
          description:
            "The session cookie from signing in (`__Secure-specwave.session_token` when Specwave is served over HTTPS).",
        },
      },
      schemas: components(),
    },
  };
}

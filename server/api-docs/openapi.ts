/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers validate
 * with (zod 4's toJSONSchema; OpenAPI 3.1 uses JSON Schema 2020-12, so its output fits as is).
 */
import { z } from "zod";
import { errorStatus } from "../errors/app-error";
import { type Endpoint, endpoints } from "./endpoints";

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
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
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
      description:
        "Every action the dashboard takes. Errors answer `{ error: { code, message, details } }` with the status of their code. Authentication is not built yet: the `specwave` CLI already sends `Authorization: Bearer $SPECWAVE_TOKEN` when the variable is set.",
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "specs", description: "Upload and plan specs." },
      { name: "runs", description: "Start, follow, approve, cancel and export runs." },
      { name: "examples", description: "The example specs bundled with Specwave." },
      { name: "meta", description: "This document." },
    ],
    paths,
    components: { schemas: components() },
  };
}

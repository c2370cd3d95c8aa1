import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { endpoints } from "./endpoints";
import { buildOpenApiDocument, operationId } from "./openapi";
import { declaredAccess, exportedMethods, listRouteHandlers } from "./route-files";
import { schemaRows, typeLabel } from "./schema-rows";

const root = path.resolve(import.meta.dirname, "../..");

type Doc = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

describe("the OpenAPI document", () => {
  it("documents every route handler under app/api/v1, and nothing else", () => {
    const handlers = listRouteHandlers(root).map((h) => `${h.method} ${h.path}`);
    const documented = Object.entries((buildOpenApiDocument() as Doc).paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((method) => `${method} ${p}`),
    );
    // A handler added without an entry in server/api-docs/endpoints.ts fails here.
    expect(handlers.length).toBeGreaterThanOrEqual(29);
    expect(documented.sort()).toEqual(handlers.sort());
  });

  it("documents who may call each endpoint as its route declares it", () => {
    const declared = listRouteHandlers(root).map((h) => ({
      endpoint: `${h.method} ${h.path}`,
      access: h.access,
    }));
    const documented = endpoints.map((e) => ({ endpoint: `${e.method} ${e.path}`, access: e.access }));
    const byEndpoint = (a: { endpoint: string }, b: { endpoint: string }) =>
      a.endpoint.localeCompare(b.endpoint);
    // Every handler goes through route(), so each one's access is known; a handler whose
    // `route({ kind, role })` differs from endpoints.ts fails here.
    expect(declared.filter((h) => !h.access)).toEqual([]);
    expect(documented.sort(byEndpoint)).toEqual(declared.sort(byEndpoint));
  });

  it("needs authentication everywhere but on the public operations, and documents its errors", () => {
    const doc = buildOpenApiDocument() as Doc & {
      security: unknown;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(doc.components.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      cookieAuth: { type: "apiKey", in: "cookie", name: "specwave.session_token" },
    });
    type Op = { key: string; security?: unknown[]; responses: Record<string, unknown>; description?: string };
    const ops: Op[] = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ ...(op as unknown as Op), key: `${method} ${p}` })),
    );
    const open = ops.filter((op) => op.security !== undefined);
    expect(open.map((op) => op.key).sort()).toEqual([
      "get /api/v1/openapi.json",
      "get /api/v1/setup",
      "post /api/v1/setup",
    ]);
    for (const op of open) expect(op.security, op.key).toEqual([]);
    for (const op of ops) {
      // Every operation says who may call it; every protected one answers 401 without a token.
      expect(op.description, op.key).toBeTruthy();
      if (op.security === undefined) expect(Object.keys(op.responses), op.key).toContain("401");
    }
    const users = doc.paths["/api/v1/users"]?.post;
    expect(JSON.stringify(users?.responses["403"])).toContain("forbidden");
    expect(JSON.stringify(users?.responses["409"])).toContain("conflict");
    expect(JSON.stringify(doc.paths["/api/v1/runs/{runId}/cancel"]?.post?.responses["403"])).toContain(
      "forbidden",
    );
    expect((doc.paths["/api/v1/runs/{runId}"]?.get as unknown as Op | undefined)?.description).toContain(
      "viewer role",
    );
  });

  it("is a valid OpenAPI 3.1 document (@apidevtools/swagger-parser)", async () => {
    const doc = buildOpenApiDocument();
    // validate() dereferences in place: give it a copy.
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api as { openapi: string }).openapi).toBe("3.1.0");
  });

  it("gives each operation a unique id, its success schema and the typed error body", () => {
    const doc = buildOpenApiDocument() as Doc;
    const ids = endpoints.map(operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const runs = doc.paths["/api/v1/runs"]?.post;
    expect(runs?.operationId).toBe("postRuns");
    expect(JSON.stringify(runs?.responses["201"])).toContain("#/components/schemas/RunStarted");
    expect(JSON.stringify(runs?.responses["404"])).toContain("#/components/schemas/ErrorBody");
    expect(JSON.stringify(doc.paths["/api/v1/specs"]?.post?.responses["422"])).toContain("invalid_spec");
    for (const methods of Object.values(doc.paths))
      for (const op of Object.values(methods)) expect(Object.keys(op.responses)).toContain("500");
    expect(doc.components.schemas.ErrorBody?.required).toEqual(["error"]);
  });

  it("describes request bodies from the handlers' zod schemas", () => {
    const doc = buildOpenApiDocument() as unknown as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const body = doc.paths["/api/v1/runs/{runId}/approvals"]?.post?.requestBody?.content["application/json"];
    expect(body?.schema).toMatchObject({
      type: "object",
      required: ["waveIndex", "decision"],
      properties: { decision: { enum: ["continue", "pause"] } },
    });
  });
});

describe("route files", () => {
  it("reads the access each handler declares", () => {
    expect(
      declaredAccess(
        'export const GET = route({ kind: "signed-in" }, async () => x);\nexport const DELETE = route(\n  { kind: "project", role: "admin", project: projectOf.param },\n  async () => x,\n);',
      ),
    ).toEqual({ GET: { kind: "signed-in" }, DELETE: { kind: "project", role: "admin" } });
  });

  it("finds exported methods in every form a route may use", () => {
    expect(
      exportedMethods("export const GET = route(async () => x);\nexport async function POST() {}"),
    ).toEqual(["GET", "POST"]);
    expect(exportedMethods("export { handler as DELETE, other }")).toEqual(["DELETE"]);
    expect(exportedMethods("export const dynamic = 'force-dynamic';")).toEqual([]);
  });
});

describe("schema rows for the reference page", () => {
  it("flattens nested objects and arrays, and names referenced schemas", () => {
    const rows = schemaRows({
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "string", description: "The id." },
        waves: {
          type: "array",
          items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
        },
        plan: { $ref: "#/components/schemas/Plan" },
        status: { type: "string", enum: ["a", "b"] },
      },
    });
    expect(rows).toEqual([
      { path: "id", type: "string", required: true, description: "The id." },
      { path: "waves", type: "object[]", required: false, description: "" },
      { path: "waves[].name", type: "string", required: true, description: "" },
      { path: "plan", type: "Plan", required: false, description: "" },
      { path: "status", type: '"a" | "b"', required: false, description: "" },
    ]);
    expect(typeLabel({ anyOf: [{ type: "string" }, { type: "null" }] })).toBe("string | null");
  });
});

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { buildOpenApiDocument } from "@/server/api-docs/openapi";
import { refName, type SchemaRow, schemaRows, typeLabel } from "@/server/api-docs/schema-rows";

export const metadata: Metadata = { title: "Specwave REST API" };

type Json = Record<string, unknown>;

/**
 * The REST API reference, rendered on the server from the same OpenAPI document that
 * /api/v1/openapi.json serves: plain tables, no client-side viewer and nothing from a CDN.
 */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument() as {
    info: { title: string; description: string };
    paths: Record<string, Record<string, Json>>;
    components: { schemas: Record<string, Json> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{doc.info.title}</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <a className="text-blue-700 underline dark:text-blue-400" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
        </p>
      </header>

      <section>
        <h2 className="mb-2 text-lg font-semibold">Endpoints</h2>
        <Table
          head={["Method", "Path", "Summary"]}
          rows={operations.map(({ path, method, op }) => [
            <code key="m">{method.toUpperCase()}</code>,
            <a
              key="p"
              className="font-mono text-blue-700 underline dark:text-blue-400"
              href={`#${op.operationId}`}
            >
              {path}
            </a>,
            String(op.summary),
          ])}
        />
      </section>

      {operations.map(({ path, method, op }) => (
        <Operation key={`${method} ${path}`} path={path} method={method} op={op} />
      ))}

      <section className="space-y-6">
        <h2 className="text-lg font-semibold">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`}>
            <h3 className="mb-1 font-mono font-semibold">{name}</h3>
            {typeof schema.description === "string" && <p className="mb-2 text-sm">{schema.description}</p>}
            <SchemaTable schema={schema} />
          </div>
        ))}
      </section>
    </div>
  );
}

function Operation({ path, method, op }: { path: string; method: string; op: Json }) {
  const parameters = (op.parameters ?? []) as {
    name: string;
    in: string;
    required: boolean;
    description?: string;
    schema: Json;
  }[];
  const body = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content[
    "application/json"
  ]?.schema;
  const responses = op.responses as Record<
    string,
    { description: string; content?: Record<string, { schema: Json }> }
  >;
  return (
    <section
      id={String(op.operationId)}
      className="space-y-3 border-t border-slate-200 pt-6 dark:border-slate-800"
    >
      <h2 className="font-mono text-lg font-semibold">
        {method.toUpperCase()} {path}
      </h2>
      <p className="text-sm">{String(op.summary)}</p>
      {typeof op.description === "string" && (
        <p className="text-sm text-slate-600 dark:text-slate-400">{op.description}</p>
      )}
      {parameters.length > 0 && (
        <Table
          head={["Parameter", "In", "Type", "Required", "Description"]}
          rows={parameters.map((p) => [
            p.name,
            p.in,
            typeLabel(p.schema),
            p.required ? "yes" : "no",
            p.description ?? "",
          ])}
        />
      )}
      {body && (
        <div>
          <h3 className="mb-1 text-sm font-semibold">Request body (JSON)</h3>
          <SchemaTable schema={body} />
        </div>
      )}
      <div>
        <h3 className="mb-1 text-sm font-semibold">Responses</h3>
        <Table
          head={["Status", "Content", "Description"]}
          rows={Object.entries(responses).map(([status, response]) => [
            status,
            <span key="c">
              {Object.entries(response.content ?? {}).map(([type, media]) => (
                <span key={type} className="mr-2 font-mono">
                  {type}: <TypeLink schema={media.schema} />
                </span>
              ))}
            </span>,
            response.description,
          ])}
        />
      </div>
    </section>
  );
}

function TypeLink({ schema }: { schema: Json }) {
  const name = refName(schema);
  if (!name) return <>{typeLabel(schema)}</>;
  return (
    <a className="text-blue-700 underline dark:text-blue-400" href={`#schema-${name}`}>
      {name}
    </a>
  );
}

function SchemaTable({ schema }: { schema: Json }) {
  const rows: SchemaRow[] = schemaRows(schema);
  if (rows.length === 0)
    return (
      <p className="font-mono text-sm">
        <TypeLink schema={schema} />
      </p>
    );
  return (
    <Table
      head={["Field", "Type", "Required", "Description"]}
      rows={rows.map((row) => [
        <code key="f">{row.path}</code>,
        <code key="t">{row.type}</code>,
        row.required ? "yes" : "no",
        row.description,
      ])}
    />
  );
}

function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full border-collapse text-left text-sm">
        <thead>
          <tr>
            {head.map((cell) => (
              <th
                key={cell}
                className="border-b border-slate-300 px-2 py-1 font-semibold dark:border-slate-700"
              >
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            // Rows are static for the life of the page; their position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: static table
            <tr key={r} className="align-top">
              {row.map((cell, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static table
                <td key={c} className="border-b border-slate-100 px-2 py-1 dark:border-slate-800">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

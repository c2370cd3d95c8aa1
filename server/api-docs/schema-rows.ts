/**
 * Flattens a JSON Schema into table rows (`waves[].name  string  required`) for the reference
 * page: a table reads faster than nested JSON, and needs no client-side viewer.
 */
type Json = Record<string, unknown>;

export interface SchemaRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

const REF = "#/components/schemas/";

/** The name a `$ref` points at, for a link to its own table. */
export function refName(schema: Json): string | undefined {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith(REF) ? ref.slice(REF.length) : undefined;
}

export function typeLabel(schema: Json): string {
  const ref = refName(schema);
  if (ref) return ref;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(variants)) return variants.map(typeLabel).join(" | ");
  if (schema.type === "array") return `${typeLabel((schema.items ?? {}) as Json)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "object" && schema.additionalProperties && !schema.properties) {
    return `map of ${typeLabel(schema.additionalProperties as Json)}`;
  }
  return typeof schema.type === "string" ? schema.type : "any";
}

/**
 * One row per property, depth first; arrays of objects continue as `name[].field`. A `$ref` is a
 * single row naming the component (its table is elsewhere on the page), so cycles cannot recurse.
 */
export function schemaRows(schema: Json, prefix = "", depth = 0): SchemaRow[] {
  if (depth > 6 || refName(schema)) return [];
  const target =
    schema.type === "array" && schema.items && !refName(schema.items as Json)
      ? (schema.items as Json)
      : schema;
  const base = target === schema ? prefix : `${prefix}[]`;
  const properties = target.properties as Record<string, Json> | undefined;
  if (!properties) return [];
  const required = new Set((target.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([name, child]) => {
    const path = base === "" ? name : `${base}.${name}`;
    const row: SchemaRow = {
      path,
      type: typeLabel(child),
      required: required.has(name),
      description: typeof child.description === "string" ? child.description : "",
    };
    return [row, ...schemaRows(child, path, depth + 1)];
  });
}

/**
 * The route handlers that exist, read from the files under app/api/v1: `route.ts` files and the
 * HTTP methods they export. Tests compare this with the documented endpoints, in both directions.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface RouteHandler {
  method: string;
  /** OpenAPI form: `[runId]` folders become `{runId}`. */
  path: string;
  file: string;
  /** What its `route({ kind, role }, …)` wrapper declares; absent when the file does not use it. */
  access?: { kind: string; role?: string };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const EXPORTED = new RegExp(
  `export\\s+(?:const|async\\s+function|function)\\s+(${METHODS.join("|")})\\b|export\\s*\\{([^}]*)\\}`,
  "g",
);

export function listRouteHandlers(root: string, base = "app/api/v1"): RouteHandler[] {
  const handlers: RouteHandler[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) visit(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry)) {
        const relative = path.relative(path.join(root, "app"), dir).split(path.sep);
        const urlPath = `/${relative.map((part) => part.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
        const source = readFileSync(full, "utf8");
        const access = declaredAccess(source);
        for (const method of exportedMethods(source))
          handlers.push({
            method: method.toLowerCase(),
            path: urlPath,
            file: path.relative(root, full),
            ...(access[method] ? { access: access[method] } : {}),
          });
      }
    }
  };
  visit(path.join(root, base));
  return handlers;
}

/** `export const GET = …`, `export async function POST`, and `export { handler as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(EXPORTED)) {
    if (match[1]) found.add(match[1]);
    for (const name of (match[2] ?? "").split(",")) {
      const exported = name
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (exported && METHODS.includes(exported)) found.add(exported);
    }
  }
  return [...found];
}

const ROUTE_ACCESS = new RegExp(
  `export\\s+const\\s+(${METHODS.join("|")})\\s*=\\s*route\\(\\s*\\{\\s*kind:\\s*"([^"]+)"(?:\\s*,\\s*role:\\s*"([^"]+)")?`,
  "g",
);

/** `export const GET = route({ kind: "project", role: "viewer", … }, …)` → `{ GET: { kind, role } }`. */
export function declaredAccess(source: string): Record<string, { kind: string; role?: string }> {
  const found: Record<string, { kind: string; role?: string }> = {};
  for (const [, method, kind, role] of source.matchAll(ROUTE_ACCESS)) {
    if (method && kind) found[method] = role ? { kind, role } : { kind };
  }
  return found;
}

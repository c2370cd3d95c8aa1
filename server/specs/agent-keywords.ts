import { escapeRegExp } from "./markdown-lines";

/**
 * Choosing an agent role from domain keywords, for specs that name no agent (layered task lists
 * rely on this by design). Every pick is reported as a warning so the PM can overrule it.
 */

/** Role → keywords. Order matters: on a tie the earlier role wins. */
export const DEFAULT_AGENT_KEYWORDS: Record<string, string[]> = {
  "auth-developer": [
    "auth",
    "authentication",
    "authorization",
    "oauth",
    "login",
    "clerk",
    "session",
    "permission",
  ],
  "database-developer": [
    "database",
    "schema",
    "migration",
    "sql",
    "supabase",
    "table",
    "rls",
    "postgres",
    "index",
  ],
  "frontend-developer": [
    "ui",
    "component",
    "frontend",
    "page",
    "react",
    "css",
    "style",
    "layout",
    "button",
    "form",
  ],
  "backend-developer": [
    "api",
    "endpoint",
    "backend",
    "route",
    "service",
    "server",
    "handler",
    "controller",
    "rpc",
  ],
  "cache-developer": ["cache", "caching", "redis"],
  "ai-developer": ["rag", "vector", "embedding", "llm", "streaming", "ai"],
  "observability-developer": ["sentry", "monitoring", "logging", "metrics", "alerting", "observability"],
  "test-developer": ["test", "tests", "testing", "e2e", "coverage"],
  "docs-writer": ["documentation", "readme", "docs", "guide"],
};

export const FALLBACK_ROLE = "developer";

export interface AgentPick {
  role: string;
  /** The keyword that decided, or null when nothing matched and the fallback role was used. */
  keyword: string | null;
}

export type AgentPicker = (title: string, body: string) => AgentPick;

export function createAgentPicker(map: Record<string, string[]> = DEFAULT_AGENT_KEYWORDS): AgentPicker {
  const roles = Object.entries(map).map(([role, words]) => ({
    role,
    patterns: words
      .filter((w) => typeof w === "string" && w.trim() !== "")
      .map((w) => ({
        word: w,
        re: new RegExp(`(^|[^a-z0-9])${escapeRegExp(w.toLowerCase())}($|[^a-z0-9])`),
      })),
  }));
  const pickFrom = (text: string): AgentPick | null => {
    const lower = text.toLowerCase();
    let best: { role: string; keyword: string; score: number } | null = null;
    for (const { role, patterns } of roles) {
      let score = 0;
      let first: string | null = null;
      for (const { word, re } of patterns) {
        if (re.test(lower)) {
          score++;
          first ??= word;
        }
      }
      if (first !== null && (best === null || score > best.score)) best = { role, keyword: first, score };
    }
    return best ? { role: best.role, keyword: best.keyword } : null;
  };
  return (title, body) =>
    pickFrom(title) ?? pickFrom(body.slice(0, 2000)) ?? { role: FALLBACK_ROLE, keyword: null };
}

/** "TypeScript Developer specializing in type systems" → "typescript-developer". */
export function roleSlug(text: string): string {
  const head = text.split(/\s+(?:specializing|specialising|with|who|expert in|focused on)\b/i)[0] ?? text;
  return (
    head
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || FALLBACK_ROLE
  );
}

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

const SEPARATORS = /[^a-z0-9]+/g;

/** Lower-case words of a text; keywords are matched as whole words (or word sequences). */
function words(text: string): string[] {
  return text.toLowerCase().split(SEPARATORS);
}

export function createAgentPicker(map: Record<string, string[]> = DEFAULT_AGENT_KEYWORDS): AgentPicker {
  // Picking runs once per item, 10,000 times on big specs: one precompiled alternation finds
  // every keyword as a whole word in a single scan, and a keyword counts once per text.
  const roles = Object.keys(map);
  const keywords: { role: number; text: string }[] = [];
  const byWords = new Map<string, number[]>();
  roles.forEach((role, r) => {
    const list = Array.isArray(map[role]) ? (map[role] as unknown[]) : [];
    for (const k of list) {
      if (typeof k !== "string") continue;
      const key = words(k)
        .filter((w) => w !== "")
        .join(" ");
      if (key === "") continue;
      const id = keywords.push({ role: r, text: k }) - 1;
      byWords.set(key, [...(byWords.get(key) ?? []), id]);
    }
  });
  const alternatives = [...byWords.keys()]
    .sort((a, b) => b.length - a.length)
    .map((key) => key.split(" ").map(escapeRegExp).join("[^a-z0-9]+"));
  const pattern =
    alternatives.length > 0
      ? new RegExp(`(?<![a-z0-9])(?:${alternatives.join("|")})(?![a-z0-9])`, "g")
      : null;
  const stamp = new Uint32Array(keywords.length);
  const scores = new Int32Array(roles.length);
  const firstKeyword = new Int32Array(roles.length);
  let call = 0;

  const pickFrom = (text: string): AgentPick | null => {
    if (!pattern) return null;
    call++;
    let best = -1;
    // exec() on the shared regex, not matchAll(), which clones (and recompiles) it per call.
    const lower = text.toLowerCase();
    pattern.lastIndex = 0;
    let m = pattern.exec(lower);
    // Most texts of a big spec name no keyword: the scores are reset only for one that does.
    if (m === null) return null;
    scores.fill(0);
    firstKeyword.fill(-1);
    for (; m !== null; m = pattern.exec(lower)) {
      // A match is lower case and starts and ends with a letter or digit: its words joined by spaces.
      for (const id of byWords.get(m[0].replace(SEPARATORS, " ")) ?? []) {
        if (stamp[id] === call) continue;
        stamp[id] = call;
        const role = keywords[id]?.role ?? 0;
        scores[role] = (scores[role] ?? 0) + 1;
        if ((firstKeyword[role] ?? -1) < 0 || id < (firstKeyword[role] ?? 0)) firstKeyword[role] = id;
      }
    }
    for (let r = 0; r < roles.length; r++) {
      if ((scores[r] ?? 0) > 0 && (best < 0 || (scores[r] ?? 0) > (scores[best] ?? 0))) best = r;
    }
    if (best < 0) return null;
    return { role: roles[best] ?? FALLBACK_ROLE, keyword: keywords[firstKeyword[best] ?? 0]?.text ?? null };
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

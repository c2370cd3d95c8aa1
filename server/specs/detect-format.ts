/**
 * Format detection from file names and content. Each file gets a kind; the upload's format
 * follows from the kinds present, in a fixed precedence, and the reason says which file decided.
 */
import { checkboxTextStart, type Frontmatter, readFrontmatter, splitLines } from "./markdown-lines";
import type { SpecFile, SpecFormat } from "./types";

export type FileKind =
  | "exec-spec"
  | "exec-spec-headings"
  | "checkpoint"
  | "execution-status"
  | "workflow-state"
  | "layered"
  | "story"
  | "epic"
  | "spec-kit"
  | "task-list"
  | "requirements"
  | "design"
  | "json"
  | "prose";

export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export function parseJsonSafely(content: string): { ok: true; value: unknown } | { ok: false; error: Error } {
  try {
    return { ok: true, value: JSON.parse(content) };
  } catch (err) {
    return { ok: false, error: err as Error };
  }
}

export function classifyJson(value: unknown): FileKind {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "json";
  const keys = value as Record<string, unknown>;
  if ("workstream_details" in keys || "completed_workstreams" in keys || "pending_workstreams" in keys) {
    return "checkpoint";
  }
  if ("layers" in keys) return "execution-status";
  if ("stories" in keys || "currentWave" in keys || "epics" in keys) return "workflow-state";
  return "json";
}

const MAX_SCAN_LINES = 400;
const H1 = /^#\s/;
// Tried sticky at a checkbox's text start, on the whole line: the text ends where only whitespace
// follows, so `\b` holds at its end as it would at the line's, and a number's space must be
// followed by more text (`\s+\S`) to lie inside the text.
const SPEC_KIT_TASK = /T\d{3,}[a-z]?\b/y;
const NUMBERED_TASK = /\d+(?:\.\d+)*\.?\s+\S/y;
const LAYER_HEADING = /^#{1,6}\s+(?:L[0-9]|Layer\s*[0-9])\b/i;
const WS_HEADING = /^#{2,6}\s+WS\d+\b/;

/**
 * `lines` (or a function giving them) and `frontmatter` may be passed when the caller has split
 * the content already. The lines are asked for last: frontmatter decides without them.
 */
export function classifyFile(
  file: SpecFile,
  lines?: string[] | (() => string[]),
  frontmatter?: Frontmatter | null,
): FileKind {
  const base = baseName(file.name).toLowerCase();
  if (base.endsWith(".json")) {
    const parsed = parseJsonSafely(file.content);
    return parsed.ok ? classifyJson(parsed.value) : "json";
  }
  const fm = frontmatter !== undefined ? frontmatter : readFrontmatter(file.content);
  if (fm) {
    if (/^workstreams\s*:/m.test(fm.yaml)) return "exec-spec";
    if (/^story_id\s*:/m.test(fm.yaml)) return "story";
    if (/^epic_id\s*:/m.test(fm.yaml) && !/^story_id/m.test(fm.yaml)) return "epic";
  }
  if (/^us-\d+/.test(base)) return "story";
  if (/^epic-\d+/.test(base)) return "epic";
  const all = typeof lines === "function" ? lines() : (lines ?? splitLines(file.content));
  const firstHeading = all.find((l) => H1.test(l)) ?? "";
  if (/^#\s+US-\d+/i.test(firstHeading)) return "story";
  if (/^#\s+EPIC-\d+/i.test(firstHeading)) return "epic";
  return classifyByLines(all, base, firstHeading);
}

/** What kind of task a checkbox line holds, or null when the line is no checkbox. */
export function checkboxTask(line: string): "spec-kit" | "numbered" | "other" | null {
  const start = checkboxTextStart(line);
  if (start < 0) return null;
  SPEC_KIT_TASK.lastIndex = start;
  if (SPEC_KIT_TASK.test(line)) return "spec-kit";
  NUMBERED_TASK.lastIndex = start;
  return NUMBERED_TASK.test(line) ? "numbered" : "other";
}

function classifyByLines(lines: string[], base: string, firstHeading: string): FileKind {
  let specKit = 0;
  let numbered = 0;
  let layerHeadings = 0;
  let wsHeadings = 0;
  let checkboxes = 0;
  // Detection reads every checkbox but only the first lines for headings, so a huge file stays cheap.
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    const task = checkboxTask(text);
    if (task !== null) {
      checkboxes++;
      if (task === "spec-kit") specKit++;
      else if (task === "numbered") numbered++;
      continue;
    }
    if ((i > MAX_SCAN_LINES && checkboxes === 0) || !text.startsWith("#")) continue;
    if (LAYER_HEADING.test(text)) layerHeadings++;
    if (WS_HEADING.test(text)) wsHeadings++;
  }
  if (specKit > 0 && specKit >= numbered) return "spec-kit";
  if (layerHeadings > 0 && checkboxes > 0) return "layered";
  if (numbered > 0) return "task-list";
  if (/exec-spec/i.test(firstHeading) || wsHeadings > 0) return "exec-spec-headings";
  if (/^requirements?\.md$/.test(base)) return "requirements";
  if (/^design\.md$/.test(base)) return "design";
  return "prose";
}

const PRECEDENCE: { kinds: FileKind[]; format: SpecFormat; why: string }[] = [
  { kinds: ["exec-spec"], format: "exec-spec", why: "has YAML frontmatter with `workstreams`" },
  {
    kinds: ["exec-spec-headings"],
    format: "exec-spec",
    why: "is an EXEC-SPEC whose workstreams are in headings",
  },
  { kinds: ["checkpoint"], format: "exec-spec-checkpoint", why: "is an EXEC-SPEC checkpoint" },
  { kinds: ["story"], format: "story-set", why: "is a user-story file" },
  { kinds: ["workflow-state", "epic"], format: "story-set", why: "belongs to a story set" },
  { kinds: ["layered", "execution-status"], format: "layered-tasks", why: "groups tasks into layers L0…L3" },
  { kinds: ["spec-kit"], format: "spec-kit", why: "has spec-kit tasks (`T001 [P] …`)" },
  { kinds: ["task-list"], format: "task-list", why: "has numbered checkbox tasks (`- [ ] 1.`)" },
];

export function detectFromKinds(
  files: SpecFile[],
  kinds: FileKind[],
): { format: SpecFormat; reason: string } {
  for (const rule of PRECEDENCE) {
    const index = kinds.findIndex((k) => rule.kinds.includes(k));
    if (index >= 0) return { format: rule.format, reason: `${files[index]?.name ?? "a file"} ${rule.why}` };
  }
  return {
    format: "freeform",
    reason: "no file has a task list, workstreams or stories; the spec is read as free-form prose",
  };
}

export function detectFormat(files: SpecFile[]): { format: SpecFormat; reason: string } {
  try {
    return detectFromKinds(
      files,
      files.map((f) => classifyFile(f)),
    );
  } catch {
    return {
      format: "freeform",
      reason: "the files could not be classified; the spec is read as free-form prose",
    };
  }
}

/**
 * EXEC-SPEC with YAML frontmatter: `workstreams` (id → name, agent, depends_on, outputs, gate…),
 * `execution_phases`, a top-level `gates` map and `dod_file`. The markdown body gives each
 * workstream's detail, found through its `sections` numbers or a heading naming its id.
 */
import type { IssueLog } from "./issues";
import { cleanOutputPath, escapeRegExp, type Frontmatter, scanLines } from "./markdown-lines";
import { listSections, type Section, sectionText } from "./markdown-sections";
import { emptySpec, newItem } from "./spec-items";
import type { ItemState, ParsedSpec, PlanItem, SpecPhase } from "./types";
import { asString, asStringList, isRecord, parseYamlBlock, type YamlBlock } from "./yaml-block";

export function parseExecSpec(file: string, frontmatter: Frontmatter, log: IssueLog): ParsedSpec | null {
  const block = parseYamlBlock(frontmatter.yaml, file, frontmatter.firstLine, log);
  if (!block) return null;
  const data = block.data;
  if (!isRecord(data)) {
    log.error(
      "invalid_field",
      file,
      frontmatter.firstLine,
      "The frontmatter must be a YAML map with a `workstreams` key.",
    );
    return null;
  }
  const body = scanLines(frontmatter.bodyLines, frontmatter.bodyFirstLine);
  const sections = listSections(body);
  const spec = emptySpec("exec-spec", specTitle(data, sections));

  const sources: Record<string, { file: string; line: number }> = {};
  spec.items = readWorkstreams(
    data.workstreams,
    file,
    block,
    log,
    (item, sectionRefs) => workstreamBody(item, sectionRefs, body, sections),
    "workstreams",
    sources,
  );
  spec.dependencySources = sources;
  if (log.failed) return null;
  spec.gates = readGates(data.gates);
  spec.phases = readPhases(data.execution_phases, file, block, log, "error");

  const dod = asString(data.dod_file);
  if (dod) spec.documents.push({ file: dod, kind: "spec" });
  // Asked once, not per gate of each of 10,000 workstreams; and each gate name once per run of
  // workstreams naming it (the names are separate strings, each looked up by content).
  const hasGates = Object.keys(spec.gates).length > 0;
  let lastGate: string | null = null;
  let lastKnown = true;
  for (let i = 0; i < spec.items.length && hasGates; i++) {
    const item = spec.items[i] as PlanItem;
    for (let g = 0; g < item.gates.length; g++) {
      const gate = item.gates[g] as string;
      if (gate !== lastGate) {
        lastGate = gate;
        lastKnown = gate in spec.gates;
      }
      if (!lastKnown) {
        log.warn(
          "unknown_gate",
          file,
          item.source.line,
          `${item.id} names the gate "${gate}", which the gates map does not define.`,
        );
      }
    }
  }
  return spec;
}

function specTitle(data: Record<string, unknown>, sections: Section[]): string {
  const h1 = sections.find((s) => s.level === 1)?.heading;
  if (h1) return h1;
  const parts = [asString(data.spec), asString(data.feature)].filter(Boolean);
  return parts.join(": ") || "EXEC-SPEC";
}

/**
 * Workstreams as a map (`WS1: {…}`) or a list (`- id: WS1`). Shared with the checkpoint import,
 * whose `workstream_details` has the same shape. With a block, `dependencySources` gets where
 * each workstream's dependency list is written.
 */
export function readWorkstreams(
  raw: unknown,
  file: string,
  block: YamlBlock | null,
  log: IssueLog,
  bodyFor?: (item: PlanItem, sectionRefs: readonly string[]) => string,
  rootKey = "workstreams",
  dependencySources?: Record<string, { file: string; line: number }>,
): PlanItem[] {
  if (!isRecord(raw) && !Array.isArray(raw)) {
    const line = block?.lineOf([rootKey]) ?? 1;
    log.error(
      "invalid_field",
      file,
      line,
      `The EXEC-SPEC has no \`${rootKey}\` map, so there is nothing to plan.`,
    );
    return [];
  }
  const items: PlanItem[] = [];
  const keyLines = block?.keyLines([rootKey]) ?? new Map<string, number>();
  // Each workstream is read where it is found: no [id, def, path] entry per workstream first.
  const read = (id: string, def: unknown, key: string | number) => {
    const line = keyLines.get(id) ?? block?.lineOf([rootKey, key]) ?? 1;
    if (!isRecord(def)) {
      log.error(
        "invalid_field",
        file,
        line,
        `Workstream ${id} must be a map with name, agent, depends_on, outputs and gate.`,
      );
      return;
    }
    // The lists are read first and the item takes them as they are: no empty list per field
    // made only to be replaced, 10,000 times.
    const dependsOn = asStringList(def.depends_on ?? def.dependencies);
    if (block && dependencySources && dependsOn.length > 0) {
      const field = def.depends_on !== undefined ? "depends_on" : "dependencies";
      dependencySources[id] = { file, line: block.lineOf([rootKey, key, field], line) };
    }
    // Paths cleaned in place: the list is this item's own.
    const outputs = asStringList(def.outputs);
    let kept = 0;
    for (let i = 0; i < outputs.length; i++) {
      const path = cleanOutputPath(outputs[i] ?? "");
      if (path !== "") outputs[kept++] = path;
    }
    if (kept < outputs.length) outputs.length = kept;
    let gates = asStringList(def.gate);
    if (def.gates !== undefined) {
      const more = asStringList(def.gates);
      if (more.length > 0) gates = gates.concat(more);
    }
    const requirements = asStringList(def.requirements);
    const item = newItem(id, asString(def.name) ?? id, file, line, dependsOn, outputs, gates, requirements);
    item.role = asString(def.agent) ?? asString(def.executor) ?? asString(def.executor_type) ?? "";
    item.state = stateFromStatus(asString(def.status));
    const complexity = asString(def.complexity);
    if (complexity) item.complexity = complexity;
    else if (def.critical === true) item.complexity = "critical";
    const description = asString(def.description) ?? "";
    const refs = def.sections === undefined ? NO_SECTIONS : asStringList(def.sections);
    const body = bodyFor ? bodyFor(item, refs) : "";
    item.body = description === "" ? body : body === "" ? description : `${description}\n\n${body}`;
    items.push(item);
  };
  if (Array.isArray(raw)) {
    raw.forEach((def, i) => {
      const id = isRecord(def) ? asString(def.id) : undefined;
      read(id ?? `WS${i + 1}`, def, i);
    });
  } else {
    const ids = Object.keys(raw);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      read(id, raw[id], id);
    }
  }
  return items;
}

/** Read only: the section references of a workstream that cites none. */
const NO_SECTIONS: readonly string[] = Object.freeze([]);

export function stateFromStatus(status: string | undefined): ItemState {
  if (status === undefined || status === "") return "pending";
  const s = (status ?? "").toLowerCase().replace(/[\s-]+/g, "_");
  if (/^(complete|completed|done|passed|finished|success)/.test(s)) return "done";
  if (/^(in_progress|running|executing|started|active|testing|in_review|review)/.test(s))
    return "in_progress";
  if (/^(blocked|failed|error)/.test(s)) return "blocked";
  return "pending";
}

export function readGates(raw: unknown): Record<string, string> {
  const gates: Record<string, string> = {};
  if (!isRecord(raw)) return gates;
  for (const [name, def] of Object.entries(raw)) {
    const command = isRecord(def) ? asString(def.command) : asString(def);
    gates[name] = command ?? "";
  }
  return gates;
}

/** `- parallel: [WS1]`, `- {name, parallel, gates}`, `- {phase: 1, parallel: […]}` or `- [WS1, WS2]`. */
export function readPhases(
  raw: unknown,
  file: string,
  block: YamlBlock | null,
  log: IssueLog,
  sameWaveDependency: SpecPhase["sameWaveDependency"],
  rootKey = "execution_phases",
): SpecPhase[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) {
    log.error(
      "invalid_field",
      file,
      block?.lineOf([rootKey]) ?? 1,
      "`execution_phases` must be a list of phases.",
    );
    return null;
  }
  return raw.map((entry, i) => {
    const line = block?.lineOf([rootKey, i]) ?? 1;
    const def: Record<string, unknown> = isRecord(entry) ? entry : { parallel: entry };
    const ids = asStringList(def.parallel ?? def.workstreams ?? def.sequential);
    if (ids.length === 0) log.warn("empty_phase", file, line, `Phase ${i + 1} lists no workstreams.`);
    const label = asString(def.name);
    return {
      name: label ?? `Phase ${asString(def.phase) ?? i + 1}`,
      itemIds: ids,
      gates: asStringList(def.gates ?? def.gate),
      sameWaveDependency,
      source: { file, line },
    };
  });
}

/** Body text: the numbered `## N.` sections the workstream cites, else the section headed by its id. */
function workstreamBody(
  item: PlanItem,
  sectionRefs: readonly string[],
  lines: ReturnType<typeof scanLines>,
  sections: Section[],
) {
  // One pattern per reference, not one per section tried: a spec can have thousands of each.
  // No list is made for a workstream that cites no section (most of a big spec's).
  if (sectionRefs.length > 0) {
    const parts: string[] = [];
    for (const ref of sectionRefs) {
      const numbered = new RegExp(`^${escapeRegExp(ref)}[.):\\s]`);
      const section = sections.find((s) => s.level <= 2 && numbered.test(s.heading));
      if (section) parts.push(sectionText(lines, section));
    }
    if (parts.length > 0) return parts.join("\n\n");
  }
  const own = sections.length > 0 ? sections.find(headingStartsWithId(item.id)) : undefined;
  return own ? sectionText(lines, own) : "";
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * `^${id}\b`, case-insensitive, as a test of a section's heading. An ASCII id is compared in
 * place: compiling one pattern per workstream costs more than the whole rest of its reading.
 * Without the `u` flag, case folding never maps a non-ASCII character onto an ASCII one, so the
 * comparison is exact.
 */
export function headingStartsWithId(id: string): (section: Section) => boolean {
  if (id === "" || NON_ASCII.test(id)) {
    const headed = new RegExp(`^${escapeRegExp(id)}\\b`, "i");
    return (section) => headed.test(section.heading);
  }
  const lastIsWord = isWordChar(id.charCodeAt(id.length - 1));
  return ({ heading }) => {
    if (heading.length < id.length) return false;
    for (let i = 0; i < id.length; i++) {
      const a = heading.charCodeAt(i);
      const b = id.charCodeAt(i);
      if (a !== b && !(isAsciiLetter(a) && (a | 0x20) === (b | 0x20))) return false;
    }
    // `\b`: a word character on exactly one side (nothing after the heading counts as none).
    return lastIsWord !== isWordChar(heading.charCodeAt(id.length));
  };
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isWordChar(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/**
 * Dependencies written as sentences ("T022 depends on T010-T021", "T010, T011 block T018",
 * "Requires US-010"). They are only suggestions: the PM confirms them, the planner never applies
 * them, and each one read is reported as a warning.
 */
import type { IssueLog } from "./issues";
import { escapeRegExp } from "./markdown-lines";
import type { PlanItem } from "./types";

export interface ProseLine {
  file: string;
  line: number;
  text: string;
}

/** Ids named in a phrase, with ranges ("T010-T013", "T001–T003") expanded along the spec's own order. */
export function idsInText(
  text: string,
  idPattern: RegExp,
  order: string[],
  index: Map<string, number>,
): string[] {
  const source = idPattern.source;
  const range = new RegExp(`(${source})\\s*(?:-|–|—|to|\\.\\.)\\s*(${source})`, "g");
  const found: string[] = [];
  const add = (id: string) => {
    if (index.has(id) && !found.includes(id)) found.push(id);
  };
  const rest = text.replace(range, (_m, from: string, to: string) => {
    const a = index.get(from);
    const b = index.get(to);
    if (a !== undefined && b !== undefined && a <= b) for (let i = a; i <= b; i++) add(order[i] ?? "");
    return " ";
  });
  for (const m of rest.matchAll(new RegExp(source, "g"))) add(m[0]);
  return found;
}

const DEPENDS = /\b(?:depends? on|requires?|needs|after)\b/i;
const BLOCKS = /\b(?:blocks?|before)\b/i;

/** Reads "A depends on B" / "B blocks A" / "B before A" lines into suggestions on the items. */
export function suggestFromProse(
  lines: ProseLine[],
  items: PlanItem[],
  idPattern: RegExp,
  log: IssueLog,
): void {
  if (lines.length === 0) return;
  const order = items.map((i) => i.id);
  const index = new Map(order.map((id, i) => [id, i]));
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const { file, line, text } of lines) {
    const depends = DEPENDS.exec(text);
    const blocks = depends ? null : BLOCKS.exec(text);
    const match = depends ?? blocks;
    if (!match) continue;
    const left = idsInText(text.slice(0, match.index), idPattern, order, index);
    const right = idsInText(text.slice(match.index + match[0].length), idPattern, order, index);
    const [dependents, prerequisites] = depends ? [left, right] : [right, left];
    if (dependents.length === 0 || prerequisites.length === 0) continue;
    const added: string[] = [];
    for (const id of dependents) {
      const item = byId.get(id);
      if (!item) continue;
      for (const dep of prerequisites) {
        if (dep !== id && !item.dependsOn.includes(dep) && !item.suggestedDependsOn.includes(dep)) {
          item.suggestedDependsOn.push(dep);
          added.push(`${id} ← ${dep}`);
        }
      }
    }
    if (added.length > 0) {
      log.warn(
        "dependency_from_prose",
        file,
        line,
        `"${text.trim().slice(0, 120)}" reads as ${added.length} suggested ${added.length === 1 ? "dependency" : "dependencies"} (${summarise(added)}); confirm to apply.`,
      );
    }
  }
}

function summarise(pairs: string[]): string {
  return pairs.length <= 6
    ? pairs.join(", ")
    : `${pairs.slice(0, 5).join(", ")} and ${pairs.length - 5} more`;
}

/** Ids of the form the spec uses, e.g. /T\d{3,}[a-z]?/ or /US-\d+/. */
export function idPatternFor(prefix: string): RegExp {
  return new RegExp(`\\b${escapeRegExp(prefix)}\\d+[a-z]?\\b`);
}

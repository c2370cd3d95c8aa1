import type { AgentPicker } from "./agent-keywords";
import type { IssueLog } from "./issues";
import type { ParsedSpec, PlanItem, SpecFormat } from "./types";

/**
 * A new item. A parser that has read some lists already passes them (each its own array), so
 * that no empty array is made only to be replaced: a big spec has 10,000 items.
 */
export function newItem(
  id: string,
  title: string,
  file: string,
  line: number,
  dependsOn: string[] = [],
  outputs: string[] = [],
  gates: string[] = [],
  requirements: string[] = [],
): PlanItem {
  return {
    id,
    title,
    body: "",
    role: "",
    dependsOn,
    suggestedDependsOn: [],
    outputs,
    gates,
    acceptanceCriteria: [],
    state: "pending",
    manual: false,
    optional: false,
    tdd: false,
    requirements,
    source: { file, line },
  };
}

export function emptySpec(format: SpecFormat, title: string): ParsedSpec {
  return {
    format,
    title,
    items: [],
    phases: null,
    gates: {},
    warnings: [],
    analysisRequired: false,
    documents: [],
  };
}

/** Fills `role` from keywords for items the spec left without an agent, warning for each pick. */
export function assignMissingRoles(items: PlanItem[], pickAgent: AgentPicker, log: IssueLog): void {
  // Indexed: a for-of loop makes a result object per item until the function is optimized.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PlanItem;
    if (item.role !== "") continue;
    const pick = pickAgent(item.title, item.body);
    item.role = pick.role;
    if (pick.keyword === null) {
      log.warn(
        "agent_default",
        item.source.file,
        item.source.line,
        `${item.id} names no agent and no keyword matched; it will run as "${pick.role}".`,
      );
    } else {
      log.warn(
        "agent_from_keyword",
        item.source.file,
        item.source.line,
        `${item.id} names no agent; "${pick.role}" was picked from the keyword "${pick.keyword}".`,
      );
    }
  }
}

/**
 * Duplicate ids are reported once per repeat, at the repeat's line. Returns each id's first
 * position in `items`: with no repeat, an index of the items that planning can take over.
 */
export function reportDuplicateIds(items: PlanItem[], log: IssueLog): Map<string, number> {
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PlanItem;
    const firstAt = seen.get(item.id);
    if (firstAt !== undefined) {
      const first = items[firstAt] as PlanItem;
      log.error(
        "duplicate_id",
        item.source.file,
        item.source.line,
        `The id ${item.id} is used twice (first at ${first.source.file === item.source.file ? "" : `${first.source.file} `}line ${first.source.line}); each task needs its own id.`,
      );
    } else {
      seen.set(item.id, i);
    }
  }
  return seen;
}

/** Values grouped by key in one pass, groups in order of first appearance; values without a key are left out. */
export function groupInOrder<T>(values: T[], keyOf: (value: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

/**
 * `list` followed by the accepted `values` it does not hold yet, each once, in order: a new array
 * of the exact length when anything is added. Pushing onto the empty arrays an item starts with
 * reserves room for 17 entries, which 10,000 items would then keep for as long as the plan lives.
 * `values` must be the caller's own fresh array: it may be filtered in place and returned.
 */
export function withUnique(list: string[], values: string[], accept: (value: string) => boolean): string[] {
  // On an empty list the answer is `values` filtered, which is done in place: a pushed-to array
  // would reserve room for 17 entries whatever it ends up holding.
  if (list.length === 0) {
    let kept = 0;
    for (const value of values) {
      if (!accept(value)) continue;
      let seen = false;
      for (let i = 0; i < kept && !seen; i++) seen = values[i] === value;
      if (!seen) values[kept++] = value;
    }
    if (kept === 0) return list;
    // Setting the length is a call even when nothing is cut, and usually nothing is.
    if (kept < values.length) values.length = kept;
    return values;
  }
  const added = values.filter(
    (value, i) => accept(value) && !list.includes(value) && values.indexOf(value) === i,
  );
  return added.length === 0 ? list : list.concat(added);
}

export function uniquePush(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

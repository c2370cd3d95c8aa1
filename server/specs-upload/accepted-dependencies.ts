/**
 * Dependencies the PM accepted from the ones the parser read in prose ("T022 depends on T010").
 * The parser only suggests them; an accepted one becomes a real dependency of its item before the
 * planner computes the waves. A suggestion that is not one (stale, or invented by an API caller)
 * and one that would close a circle are reported as spec issues with codes, never thrown.
 */
import { z } from "zod";
import type { PlanItem, SpecIssue } from "../specs";

export const acceptedDependencySchema = z
  .object({
    item: z.string().min(1).max(200).meta({ description: "The item that gets the dependency (`T022`)." }),
    dependsOn: z.string().min(1).max(200).meta({ description: "The item it now depends on (`T010`)." }),
  })
  .meta({ id: "AcceptedDependency" });

/** At most one per suggestion; a 10,000-item spec does not suggest more than this in practice. */
export const acceptedDependenciesSchema = z.array(acceptedDependencySchema).max(5_000);

export type AcceptedDependency = z.infer<typeof acceptedDependencySchema>;

export interface SuggestedDependency extends AcceptedDependency {
  itemTitle: string;
  dependsOnTitle: string;
  /** Applied to this plan: the PM accepted it. */
  accepted: boolean;
}

/** Issue codes of this module, for the UI and tests to key on. */
export const acceptedDependencyCodes = {
  notSuggested: "accepted_dependency_not_suggested",
  cycle: "accepted_dependency_cycle",
} as const;

/**
 * The suggestions a parsed spec offers, as the planner would keep them (known items, not the item
 * itself, not already explicit), each marked accepted or not.
 */
export function listSuggestions(items: PlanItem[], accepted: AcceptedDependency[]): SuggestedDependency[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const isAccepted = new Set(accepted.map(edgeKey));
  const suggestions: SuggestedDependency[] = [];
  for (const item of items) {
    for (const dependsOn of item.suggestedDependsOn) {
      const prerequisite = byId.get(dependsOn);
      if (!prerequisite || dependsOn === item.id || item.dependsOn.includes(dependsOn)) continue;
      suggestions.push({
        item: item.id,
        itemTitle: item.title,
        dependsOn,
        dependsOnTitle: prerequisite.title,
        accepted: isAccepted.has(edgeKey({ item: item.id, dependsOn })),
      });
    }
  }
  return suggestions;
}

/**
 * Turns accepted suggestions into dependencies of `items` (changed in place: pass the parser's own
 * items, or copies). Returns the problems; on any problem nothing should be planned.
 *
 * The spec's own graph is checked acyclic by the planner; each accepted edge is checked here as it
 * is added, so the message names the accepted edge that closes the circle, not the whole graph.
 */
export function applyAcceptedDependencies(items: PlanItem[], accepted: AcceptedDependency[]): SpecIssue[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const issues: SpecIssue[] = [];
  const seen = new Set<string>();
  for (const edge of accepted) {
    const key = edgeKey(edge);
    if (seen.has(key)) continue;
    seen.add(key);
    const item = byId.get(edge.item);
    if (!item || !byId.has(edge.dependsOn) || !item.suggestedDependsOn.includes(edge.dependsOn)) {
      issues.push({
        code: acceptedDependencyCodes.notSuggested,
        severity: "error",
        message: `"${edge.item} depends on ${edge.dependsOn}" is not a dependency this spec suggests; accept only the suggestions the preview lists.`,
        file: item?.source.file ?? "",
        line: item?.source.line ?? 0,
      });
      continue;
    }
    if (item.dependsOn.includes(edge.dependsOn)) continue;
    const chain = dependencyChain(byId, edge.dependsOn, edge.item);
    if (chain) {
      issues.push({
        code: acceptedDependencyCodes.cycle,
        severity: "error",
        message: `Accepting "${edge.item} depends on ${edge.dependsOn}" would make a circle, since ${chain.join(" depends on ")}: none of them could start. Reject this suggestion (or the one that made the circle).`,
        file: item.source.file,
        line: item.source.line,
      });
      continue;
    }
    item.dependsOn.push(edge.dependsOn);
    item.suggestedDependsOn = item.suggestedDependsOn.filter((id) => id !== edge.dependsOn);
  }
  return issues;
}

/**
 * `from`, the items it depends on, ..., `to`, when `from` depends on `to` directly or through
 * others; null otherwise. Iterative, so a 10,000-item chain does not overflow the stack.
 */
export function dependencyChain(byId: Map<string, PlanItem>, from: string, to: string): string[] | null {
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let index = 0; index < queue.length; index++) {
    const next = queue[index] ?? "";
    if (next === to) {
      const chain: string[] = [];
      for (let at: string | null | undefined = to; at; at = cameFrom.get(at)) chain.push(at);
      return chain.reverse();
    }
    for (const dep of byId.get(next)?.dependsOn ?? []) {
      if (!cameFrom.has(dep) && byId.has(dep)) {
        cameFrom.set(dep, next);
        queue.push(dep);
      }
    }
  }
  return null;
}

const edgeKey = (edge: AcceptedDependency) => `${edge.item}\u0000${edge.dependsOn}`;

/**
 * The PM's decisions on suggested dependencies. Accepted ones travel with the preview and the
 * upload (`acceptedDependencies`); rejected ones stay on the page only, since the planner never
 * applies a suggestion nobody accepted.
 */

export interface DependencyEdge {
  item: string;
  dependsOn: string;
}

/** As the preview lists them (server/specs-upload/accepted-dependencies.ts). */
export interface SuggestedDependency extends DependencyEdge {
  itemTitle: string;
  dependsOnTitle: string;
  accepted: boolean;
}

export type SuggestionDecision = "pending" | "accepted" | "rejected";

const same = (a: DependencyEdge, b: DependencyEdge) => a.item === b.item && a.dependsOn === b.dependsOn;

export function suggestionDecision(
  edge: DependencyEdge,
  accepted: readonly DependencyEdge[],
  rejected: readonly DependencyEdge[],
): SuggestionDecision {
  if (accepted.some((other) => same(other, edge))) return "accepted";
  if (rejected.some((other) => same(other, edge))) return "rejected";
  return "pending";
}

export interface Decisions {
  accepted: DependencyEdge[];
  rejected: DependencyEdge[];
}

/** The decisions after one more: an edge is in at most one list, in the order it was decided. */
export function decide(decisions: Decisions, edge: DependencyEdge, decision: SuggestionDecision): Decisions {
  const plain = { item: edge.item, dependsOn: edge.dependsOn };
  const accepted = decisions.accepted.filter((other) => !same(other, edge));
  const rejected = decisions.rejected.filter((other) => !same(other, edge));
  if (decision === "accepted") accepted.push(plain);
  if (decision === "rejected") rejected.push(plain);
  return { accepted, rejected };
}

export const noDecisions: Decisions = { accepted: [], rejected: [] };

import type { PlanItem } from "../planning";
import { stepQueues } from "../queue/catalog";
import type { RunSettings } from "./types";

export type StepKindName = keyof typeof stepQueues;

/**
 * The steps a story goes through, in order: the tester writes the tests first (TDD), the
 * implementer makes them pass, optional reviewers check spec compliance and quality, and
 * verification runs the tests and collects the evidence. Manual items have no steps: a person
 * marks them done.
 */
export function pipelineFor(item: PlanItem, settings: RunSettings): StepKindName[] {
  if (item.manual) return [];
  return [
    ...(settings.tdd && !skipsTdd(item) ? (["test_author"] as const) : []),
    "implement",
    ...(settings.reviewers ? (["review_spec", "review_quality"] as const) : []),
    "verify",
  ];
}

export function queueFor(kind: StepKindName): string {
  return stepQueues[kind];
}

/** An item opts out of test-first with a `TDD: skip` (or off/no) line in its text. */
export function skipsTdd(item: PlanItem): boolean {
  return /\bTDD\s*:\s*(skip|off|no|none)\b/i.test(item.body);
}

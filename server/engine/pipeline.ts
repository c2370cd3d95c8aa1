import type { PlanItem } from "../planning";
import { stepQueues } from "../queue/catalog";

export type StepKindName = keyof typeof stepQueues;

/**
 * The steps a story goes through. The walking skeleton runs one implement step per story;
 * TDD pairs (test-author first), reviewers and verify slot in here.
 */
export function pipelineFor(_item: PlanItem): StepKindName[] {
  return ["implement"];
}

export function queueFor(kind: StepKindName): string {
  return stepQueues[kind];
}

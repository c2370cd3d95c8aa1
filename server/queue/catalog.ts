import { z } from "zod";

/**
 * Every queue Specwave uses, declared once. Jobs carry ids only: PostgreSQL holds the state,
 * so a job delivered twice finds its step already done and does nothing.
 */
export const stepQueues = {
  test_author: "steps-test-author",
  implement: "steps-implement",
  review_spec: "steps-review",
  review_quality: "steps-review",
  verify: "steps-verify",
} as const;

/** Gates run on their own queue: one job per wave (the last wave's also runs the end-of-run gates). */
export const gateQueue = "gates";

export type StepQueueName = (typeof stepQueues)[keyof typeof stepQueues];

export const allStepQueueNames: StepQueueName[] = [...new Set(Object.values(stepQueues))];

export const stepJobSchema = z.object({
  stepId: z.string().min(1),
  runId: z.string().min(1),
  dispatch: z.number().int(),
});
export type StepJob = z.infer<typeof stepJobSchema>;

/** Deterministic job ids: re-enqueueing a step that the queue still holds is a no-op. */
export function stepJobId(stepId: string, dispatch: number): string {
  return `${stepId}-d${dispatch}`;
}

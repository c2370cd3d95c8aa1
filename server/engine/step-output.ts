import type { Db } from "../db/client";
import { appendEvents } from "./events";
import { prismaSql } from "./sql";

/** How much of a running step's output the page sees: the end, where the agent is now. */
export const LIVE_TAIL_CHARS = 8 * 1024;

/**
 * While an agent step runs: stores the tail of its output on the step row and announces it as
 * `step:output`, through the same event path as every state change, so an open drawer follows
 * the agent. Only a running step is written: a tail arriving after the step finished must not
 * replace the log its completion stored.
 */
export async function recordStepOutput(db: Db, stepId: string, output: string): Promise<void> {
  const tail = output.slice(-LIVE_TAIL_CHARS);
  await db.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const [step] = await tx.step.updateManyAndReturn({
      where: { id: stepId, status: "running" },
      data: { log: tail },
      select: { runId: true, storyId: true, attempts: true },
    });
    if (!step) return;
    await appendEvents(sql, step.runId, [
      { type: "step:output", payload: { stepId, storyId: step.storyId, attempt: step.attempts, tail } },
    ]);
  });
}

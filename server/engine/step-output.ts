import type { Db } from "../db/client";
import { appendEvents } from "./events";
import { inTransaction } from "./sql";

/** How much of a running step's output the page sees: the end, where the agent is now. */
export const LIVE_TAIL_CHARS = 8 * 1024;

/**
 * While an agent step runs: stores the tail of its output on the step row and announces it as
 * `step:output`, through the same event path as every state change, so an open drawer follows
 * the agent. Only a running step is written: a tail arriving after the step finished must not
 * replace the log its completion stored.
 *
 * Each tail is the whole end of the output, not a delta, so only the step's latest one is kept
 * in the event log: a page that resyncs needs no earlier one, and a long agent step would
 * otherwise add up to 8 kB a second to the log for as long as it runs.
 */
export async function recordStepOutput(db: Db, stepId: string, output: string): Promise<void> {
  const tail = output.slice(-LIVE_TAIL_CHARS);
  await inTransaction(db, async (sql) => {
    const [step] = await sql.query<{ runId: string; storyId: string; attempts: number }>(
      `UPDATE "Step" SET log = $2 WHERE id = $1 AND status = 'running' RETURNING "runId", "storyId", attempts`,
      [stepId, tail],
    );
    if (!step) return;
    await sql.query(
      `DELETE FROM "Event" WHERE "runId" = $1 AND type = 'step:output' AND payload->>'stepId' = $2`,
      [step.runId, stepId],
    );
    await appendEvents(sql, step.runId, [
      { type: "step:output", payload: { stepId, storyId: step.storyId, attempt: step.attempts, tail } },
    ]);
  });
}

import { createId } from "../db/ids";
import { AppError } from "../errors/app-error";
import { prismaSql } from "./sql";
import { commit, emptyTransition, merge } from "./transition";
import { type EngineDeps, loadRunContext } from "./types";
import { openWave } from "./waves";

export interface DecisionInput {
  runId: string;
  waveIndex: number;
  decision: "continue" | "pause";
  decidedBy: string;
  comment?: string;
}

export type DecisionOutcome =
  /** The decision moved the run on (Continue opened the next wave, Pause paused it). */
  | "applied"
  /** The wave is still running: the decision is kept and applied when the wave closes. */
  | "recorded"
  /** The same decision on this wave was already taken: nothing changed. */
  | "duplicate";

/**
 * A person's decision on a wave. The (wave, decision) row is unique and the wave's transition
 * is conditional, so fifty concurrent Continue clicks make exactly one transition.
 */
export async function decideWave(deps: EngineDeps, input: DecisionInput): Promise<DecisionOutcome> {
  const { outcome, jobs } = await deps.db.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const wave = await tx.wave.findUnique({
      where: { runId_index: { runId: input.runId, index: input.waveIndex } },
      include: { run: { select: { status: true } } },
    });
    if (!wave) throw new AppError("not_found", `Run ${input.runId} has no wave ${input.waveIndex + 1}.`);
    if (["succeeded", "failed", "cancelled"].includes(wave.run.status)) {
      throw new AppError("invalid_state", `The run is ${wave.run.status}; there is nothing to approve.`);
    }
    const inserted = await tx.approval.createMany({
      data: [
        {
          id: createId("apr"),
          runId: input.runId,
          waveId: wave.id,
          decision: input.decision,
          decidedBy: input.decidedBy,
          comment: input.comment ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return { outcome: "duplicate" as const, jobs: [] };

    const out = emptyTransition();
    out.events.push({
      type: "approval:decided",
      payload: {
        waveId: wave.id,
        index: wave.index,
        decision: input.decision,
        decidedBy: input.decidedBy,
        comment: input.comment ?? null,
        at: new Date().toISOString(),
      },
    });
    let outcome: DecisionOutcome = "recorded";
    if (input.decision === "continue") {
      const moved = await tx.wave.updateMany({
        where: { id: wave.id, status: "awaiting_approval" },
        data: { status: "passed" },
      });
      if (moved.count === 1) {
        outcome = "applied";
        out.events.push({
          type: "wave:updated",
          payload: { waveId: wave.id, index: wave.index, status: "passed" },
        });
        const run = await loadRunContext(sql, input.runId);
        await tx.run.update({ where: { id: run.id }, data: { status: "running" } });
        merge(out, await openWave(sql, { ...run, status: "running" }, wave.index + 1));
      }
    } else {
      const paused = await tx.run.updateMany({
        where: { id: input.runId, status: "awaiting_approval" },
        data: { status: "paused" },
      });
      if (paused.count === 1) {
        outcome = "applied";
        out.events.push({ type: "run:updated", payload: { status: "paused" } });
      }
    }
    return { outcome, jobs: await commit(sql, input.runId, out) };
  });
  await deps.enqueue(jobs);
  return outcome;
}

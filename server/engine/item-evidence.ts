import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";

/**
 * The evidence behind one item's status: every step with its result (the verify step's holds
 * the test report, coverage, files and commit), every attempt with its error and output tail.
 * What the dashboard's story drawer shows, for scripts and CI.
 */
export async function getItemEvidence(db: Db, runId: string, key: string) {
  const story = await db.story.findUnique({
    where: { runId_key: { runId, key } },
    include: {
      steps: { orderBy: { position: "asc" } },
      attempts: {
        orderBy: [{ startedAt: "asc" }, { number: "asc" }],
        include: { step: { select: { kind: true } } },
      },
    },
  });
  if (!story) throw new AppError("not_found", `Run ${runId} has no item ${key}.`);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const verify = story.steps.find((step) => step.kind === "verify");
  return {
    runId,
    key: story.key,
    title: story.title,
    status: story.status,
    error: story.error,
    startedAt: iso(story.startedAt),
    finishedAt: iso(story.finishedAt),
    /** The verify step's result: tests, coverage, files and commit; null until it ran. */
    evidence: (verify?.result as { evidence?: Record<string, unknown> } | null | undefined)?.evidence ?? null,
    steps: story.steps.map((step) => ({
      kind: step.kind,
      status: step.status,
      attempts: step.attempts,
      startedAt: iso(step.startedAt),
      finishedAt: iso(step.finishedAt),
      error: step.error,
      result: (step.result as Record<string, unknown> | null) ?? null,
    })),
    attempts: story.attempts.map((attempt) => ({
      step: attempt.step.kind,
      number: attempt.number,
      status: attempt.status,
      startedAt: attempt.startedAt.toISOString(),
      finishedAt: iso(attempt.finishedAt),
      error: attempt.error,
      outputTail: attempt.outputTail,
    })),
  };
}

export type ItemEvidence = Awaited<ReturnType<typeof getItemEvidence>>;

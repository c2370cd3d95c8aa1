import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";

type RunStatusFilter =
  | "pending"
  | "running"
  | "awaiting_approval"
  | "paused"
  | "succeeded"
  | "failed"
  | "cancelled";

/**
 * Everything the run page shows, read in one REPEATABLE READ snapshot together with the id of
 * the last event it reflects.
 */
export async function getRunView(db: Db, runId: string) {
  return db.$transaction(
    async (tx) => {
      const run = await tx.run.findUnique({
        where: { id: runId },
        include: {
          spec: { select: { id: true, name: true, format: true } },
          waves: { orderBy: { index: "asc" } },
          stories: {
            orderBy: { key: "asc" },
            include: { steps: { orderBy: { position: "asc" } } },
          },
          approvals: { orderBy: { createdAt: "asc" } },
          gateResults: { orderBy: { createdAt: "asc" } },
        },
      });
      if (!run) throw new AppError("not_found", `No run with id ${runId}.`);
      const last = await tx.event.findFirst({
        where: { runId },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      const iso = (date: Date | null) => date?.toISOString() ?? null;
      const waveIndex = new Map(run.waves.map((wave) => [wave.id, wave.index]));
      return {
        id: run.id,
        projectId: run.projectId,
        status: run.status,
        mode: run.mode,
        settings: run.settings as Record<string, unknown>,
        currentWave: run.currentWave,
        error: run.error,
        startedBy: run.startedBy,
        createdAt: run.createdAt.toISOString(),
        startedAt: iso(run.startedAt),
        finishedAt: iso(run.finishedAt),
        spec: run.spec,
        lastEventId: last?.id.toString() ?? "0",
        waves: run.waves.map((wave) => ({
          id: wave.id,
          index: wave.index,
          name: wave.name,
          status: wave.status,
          gateNames: wave.gates,
          startedAt: iso(wave.startedAt),
          finishedAt: iso(wave.finishedAt),
        })),
        stories: run.stories.map((story) => ({
          id: story.id,
          key: story.key,
          title: story.title,
          role: story.role,
          status: story.status,
          waveIndex: waveIndex.get(story.waveId) ?? 0,
          dependsOn: story.dependsOn,
          startedAt: iso(story.startedAt),
          finishedAt: iso(story.finishedAt),
          error: story.error,
          outputs: ((story.item as { outputs?: string[] } | null)?.outputs ?? []) as string[],
          acceptanceCriteria: ((
            story.item as { acceptanceCriteria?: { text: string; done: boolean }[] } | null
          )?.acceptanceCriteria ?? []) as { text: string; done: boolean }[],
          steps: story.steps.map((step) => ({
            id: step.id,
            kind: step.kind,
            status: step.status,
            attempts: step.attempts,
            startedAt: iso(step.startedAt),
            finishedAt: iso(step.finishedAt),
            result: step.result as Record<string, unknown> | null,
            error: step.error,
            /** The end of what the agent printed. */
            logTail: step.log.slice(-4000),
          })),
        })),
        approvals: run.approvals.map((approval) => ({
          waveIndex: waveIndex.get(approval.waveId) ?? 0,
          decision: approval.decision,
          decidedBy: approval.decidedBy,
          comment: approval.comment,
          at: approval.createdAt.toISOString(),
        })),
        gates: run.gateResults.map((gate) => ({
          waveIndex: gate.waveId ? (waveIndex.get(gate.waveId) ?? 0) : run.waves.length - 1,
          scope: gate.scope,
          name: gate.name,
          status: gate.status,
          command: gate.command,
          exitCode: gate.exitCode,
          durationMs: gate.durationMs,
          outputTail: gate.outputTail,
          at: gate.createdAt.toISOString(),
        })),
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}

export type RunView = Awaited<ReturnType<typeof getRunView>>;
export type RunViewStory = RunView["stories"][number];
export type RunViewWave = RunView["waves"][number];

/**
 * Newest first. Run ids sort by creation time, so the cursor is the last id of the previous
 * page; `projectIds` limits the list to the projects a person may read.
 */
export async function listRuns(
  db: Db,
  options: { take?: number; status?: string; projectIds?: string[] | "all"; cursor?: string } = {},
) {
  const runs = await db.run.findMany({
    where: {
      ...(options.status ? { status: options.status as RunStatusFilter } : {}),
      ...(options.projectIds && options.projectIds !== "all"
        ? { projectId: { in: options.projectIds } }
        : {}),
      ...(options.cursor ? { id: { lt: options.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take ?? 50,
    include: { spec: { select: { name: true } }, _count: { select: { stories: true } } },
  });
  const done = await db.story.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((run) => run.id) }, status: "succeeded" },
    _count: { _all: true },
  });
  const doneByRun = new Map(done.map((row) => [row.runId, row._count._all]));
  const failed = await db.story.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((run) => run.id) }, status: "failed" },
    _count: { _all: true },
  });
  const failedByRun = new Map(failed.map((row) => [row.runId, row._count._all]));
  return runs.map((run) => ({
    id: run.id,
    status: run.status,
    specName: run.spec.name,
    storiesTotal: run._count.stories,
    storiesDone: doneByRun.get(run.id) ?? 0,
    storiesFailed: failedByRun.get(run.id) ?? 0,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    startedBy: run.startedBy,
    projectId: run.projectId,
  }));
}

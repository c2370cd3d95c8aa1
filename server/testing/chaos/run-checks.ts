import path from "node:path";
import { execa } from "execa";
import type { Db } from "../../db/client";
import { runBranchName } from "../../workspace/names";
import { waitFor } from "../engine-harness";

/** What chaos tests check once a run ends, read from PostgreSQL, the only truth about a run. */
export interface RunSummary {
  status: string;
  error: string | null;
  waves: string[];
  stories: { key: string; status: string }[];
  /** Stories whose succeeded implement steps are not exactly one. */
  storiesWithoutExactlyOneSuccess: string[];
  /** Steps not in a final state. */
  unfinishedSteps: { id: string; status: string }[];
  /** Starts that came before a dependency had succeeded, from the event log. */
  startsBeforeDependencies: string[];
  /** Attempts per step id. */
  attempts: Map<string, number>;
  /** Implement steps whose recorded attempts do not include exactly one success. */
  implementStepsWithoutOneSucceededAttempt: string[];
}

const finalStepStatuses = new Set(["succeeded", "failed", "skipped", "cancelled"]);

/** Waits for the run to end; on a timeout the error shows where it stands, to tell a hang from slowness. */
export async function waitForRunToEnd(db: Db, runId: string, timeoutMs: number) {
  try {
    return await waitFor(
      () => db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, error: true } }),
      (run) => run.status === "succeeded" || run.status === "failed" || run.status === "cancelled",
      timeoutMs,
    );
  } catch (error) {
    const [waves, open] = await Promise.all([
      db.wave.findMany({
        where: { runId },
        orderBy: { index: "asc" },
        select: { index: true, status: true },
      }),
      db.step.findMany({
        where: { runId, status: { in: ["queued", "running"] } },
        select: {
          id: true,
          kind: true,
          status: true,
          attempts: true,
          dispatch: true,
          queuedAt: true,
          startedAt: true,
        },
      }),
    ]);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nwaves: ${JSON.stringify(waves)}\n` +
        `queued or running steps: ${JSON.stringify(open)}`,
    );
  }
}

export async function summariseRun(db: Db, runId: string): Promise<RunSummary> {
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: {
      waves: { orderBy: { index: "asc" } },
      stories: { orderBy: { key: "asc" }, include: { steps: true } },
    },
  });
  const events = await db.event.findMany({ where: { runId }, orderBy: { id: "asc" } });
  // Event ids are assigned at insert, so within one story's history they are in commit order.
  const firstIndex = (key: string, status: string) =>
    events.findIndex((event) => {
      const payload = event.payload as { key?: string; status?: string };
      return event.type === "story:updated" && payload.key === key && payload.status === status;
    });
  const startsBeforeDependencies: string[] = [];
  for (const story of run.stories) {
    const started = firstIndex(story.key, "running");
    for (const dependency of story.dependsOn) {
      const succeeded = firstIndex(dependency, "succeeded");
      if (started === -1 || succeeded === -1 || started < succeeded) {
        startsBeforeDependencies.push(`${story.key} started before ${dependency} succeeded`);
      }
    }
  }
  const steps = run.stories.flatMap((story) => story.steps);
  const implementSteps = steps.filter((step) => step.kind === "implement");
  const succeededAttempts = await db.attempt.groupBy({
    by: ["stepId"],
    where: { stepId: { in: implementSteps.map((step) => step.id) }, status: "succeeded" },
    _count: { _all: true },
  });
  const successesByStep = new Map(succeededAttempts.map((row) => [row.stepId, row._count._all]));
  return {
    status: run.status,
    error: run.error,
    waves: run.waves.map((wave) => wave.status),
    stories: run.stories.map((story) => ({ key: story.key, status: story.status })),
    storiesWithoutExactlyOneSuccess: run.stories
      .filter(
        (story) =>
          story.steps.filter((step) => step.kind === "implement" && step.status === "succeeded").length !== 1,
      )
      .map((story) => story.key),
    unfinishedSteps: steps
      .filter((step) => !finalStepStatuses.has(step.status))
      .map((step) => ({ id: step.id, status: step.status })),
    startsBeforeDependencies,
    attempts: new Map(steps.map((step) => [step.id, step.attempts])),
    implementStepsWithoutOneSucceededAttempt: implementSteps
      .filter((step) => successesByStep.get(step.id) !== 1)
      .map((step) => step.id),
  };
}

/** The ids of steps running right now, with when they were claimed. */
export async function runningSteps(db: Db, runId: string) {
  return db.step.findMany({
    where: { runId, status: "running" },
    select: { id: true, startedAt: true, attempts: true },
  });
}

/**
 * How many commits the demo agent's work produced per story key, from the run branch's git log:
 * a step whose work was committed twice would show up here even if PostgreSQL looked right.
 */
export async function commitsPerStory(dataDir: string, runId: string): Promise<Map<string, number>> {
  const workspace = path.join(dataDir, "workspaces", "demo");
  // Items commit in worktrees of their own and merge into the run's branch.
  const log = await execa("git", ["log", "--format=%s", runBranchName(runId)], { cwd: workspace });
  const counts = new Map<string, number>();
  for (const subject of log.stdout.split("\n")) {
    const key = / task (\S+) - /.exec(subject)?.[1];
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import { AppError } from "../errors/app-error";
import type { Plan, PlanItem } from "../planning";
import { pipelineFor, queueFor } from "./pipeline";
import type { EngineDeps, RunSettings } from "./types";
import { defaultRunSettings } from "./types";
import { commit, openWave } from "./waves";

export interface StartRunInput {
  specId: string;
  startedBy?: string;
  settings?: Partial<RunSettings>;
}

/**
 * Creates a run from a stored spec's plan, with every wave, story and step, and dispatches the
 * first wave, in one transaction. Items the spec marks done are imported as already succeeded.
 */
export async function startRun(deps: EngineDeps, input: StartRunInput): Promise<{ runId: string }> {
  const spec = await deps.db.spec.findUnique({ where: { id: input.specId } });
  if (!spec) throw new AppError("not_found", `No spec with id ${input.specId}.`);
  const plan = spec.plan as unknown as Plan;
  if (plan.waves.length === 0 || plan.items.length === 0) {
    throw new AppError("invalid_spec", "This spec's plan has no items to run.");
  }
  const settings: RunSettings = { ...defaultRunSettings, ...input.settings };
  const runId = createId("run");

  const jobs = await deps.db.$transaction(
    async (tx) => {
      await tx.run.create({
        data: {
          id: runId,
          projectId: spec.projectId,
          specId: spec.id,
          status: "pending",
          mode: settings.mode,
          settings: settings as unknown as Prisma.InputJsonValue,
          startedBy: input.startedBy ?? null,
          startedAt: new Date(),
        },
      });
      await createRunRows(tx, runId, plan);
      return commit(tx, runId, await openWave(tx, runId, 0));
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  await deps.enqueue(jobs);
  return { runId };
}

async function createRunRows(tx: Prisma.TransactionClient, runId: string, plan: Plan): Promise<void> {
  const itemsById = new Map(plan.items.map((item) => [item.id, item]));
  const isDone = (item: PlanItem | undefined) => item?.state === "done";
  const dependents = new Map<string, string[]>();
  for (const item of plan.items) {
    for (const dep of item.dependsOn) {
      if (!itemsById.has(dep)) continue;
      dependents.set(dep, [...(dependents.get(dep) ?? []), item.id]);
    }
  }

  const waves: Prisma.WaveCreateManyInput[] = [];
  const stories: Prisma.StoryCreateManyInput[] = [];
  const steps: Prisma.StepCreateManyInput[] = [];
  for (const wave of plan.waves) {
    const waveId = createId("wave");
    const items = wave.itemIds.map((id) => itemsById.get(id)).filter((item): item is PlanItem => !!item);
    waves.push({
      id: waveId,
      runId,
      index: wave.index,
      name: wave.name,
      remaining: items.filter((item) => !isDone(item)).length,
    });
    for (const item of items) {
      const storyId = createId("story");
      const done = isDone(item);
      stories.push({
        id: storyId,
        runId,
        waveId,
        key: item.id,
        title: item.title,
        role: item.role,
        dependsOn: item.dependsOn,
        dependents: dependents.get(item.id) ?? [],
        pendingDeps: item.dependsOn.filter((dep) => itemsById.has(dep) && !isDone(itemsById.get(dep))).length,
        status: done ? "succeeded" : "pending",
        item: item as unknown as Prisma.InputJsonValue,
      });
      pipelineFor(item).forEach((kind, position) => {
        steps.push({
          id: createId("step"),
          runId,
          storyId,
          kind,
          position,
          queue: queueFor(kind),
          status: done ? "skipped" : "pending",
        });
      });
    }
  }
  await tx.wave.createMany({ data: waves });
  await tx.story.createMany({ data: stories });
  await tx.step.createMany({ data: steps });
}

export type { Db };

import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import { AppError } from "../errors/app-error";
import { applyCheckpointToPlan } from "../exports/checkpoint";
import type { Plan, PlanItem } from "../planning";
import type { SpecFile } from "../specs";
import { planUpload, type UploadPlan } from "../specs-upload/plan-upload";
import { pipelineFor, queueFor } from "./pipeline";
import { dependentsOf, queueRanks } from "./queue-ranks";
import { prismaSql, type Sql } from "./sql";
import { commit } from "./transition";
import { type EngineDeps, type RunSettings, type RunSettingsInput, runSettingsSchema } from "./types";
import { openWave } from "./waves";

export interface StartRunInput {
  specId: string;
  startedBy?: string;
  settings?: RunSettingsInput;
  /** An exported checkpoint (JSON): its completed items start as done, so the run resumes there. */
  checkpoint?: unknown;
}

/**
 * Creates a run from a stored spec's plan, with every wave, story and step, and dispatches the
 * first wave, in one transaction. Items the spec marks done are imported as already succeeded.
 */
export async function startRun(deps: EngineDeps, input: StartRunInput): Promise<{ runId: string }> {
  const spec = await deps.db.spec.findUnique({ where: { id: input.specId } });
  if (!spec) throw new AppError("not_found", `No spec with id ${input.specId}.`);
  const project = await deps.db.project.findUniqueOrThrow({
    where: { id: spec.projectId },
    select: { config: true },
  });
  const projectDefaults = (project.config as { runDefaults?: RunSettingsInput } | null)?.runDefaults ?? {};
  const parsedSettings = runSettingsSchema.safeParse({ ...projectDefaults, ...(input.settings ?? {}) });
  if (!parsedSettings.success)
    throw new AppError("bad_request", `Invalid run settings: ${parsedSettings.error.message}`);
  const settings = parsedSettings.data;
  const planned = settings.batchSize
    ? replan(spec.files, spec.plan, settings.batchSize)
    : (spec.plan as unknown as Plan);
  const plan = input.checkpoint === undefined ? planned : applyCheckpointToPlan(planned, input.checkpoint);
  if (plan.waves.length === 0 || plan.items.length === 0) {
    throw new AppError("invalid_spec", "This spec's plan has no items to run.");
  }
  const runId = createId("run");

  const jobs = await deps.db.$transaction(
    async (tx) => {
      const sql = prismaSql(tx);
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
      await createRunRows(sql, runId, plan, settings);
      return commit(sql, runId, await openWave(sql, { id: runId, status: "pending", settings }, 0));
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  await deps.enqueue(jobs);
  return { runId };
}

/**
 * Waves split by a batch size are planned again from the stored files, with the same items and
 * the suggested dependencies the PM accepted at upload.
 */
function replan(files: Prisma.JsonValue, stored: Prisma.JsonValue, batchSize: number): Plan {
  const storedPlan = stored as unknown as UploadPlan;
  const result = planUpload(files as unknown as SpecFile[], {
    format: storedPlan.format,
    batchSize,
    acceptedDependencies: storedPlan.acceptedDependencies ?? [],
  });
  if (!result.ok || !result.plan)
    throw new AppError("invalid_spec", "The spec could not be planned with that batch size.", result.errors);
  return result.plan;
}

/**
 * Inserts the run's waves, stories and steps: three statements whatever the plan's size (rows
 * passed as JSON or arrays), instead of Prisma's `createMany`, whose query compilation was most of
 * a 1,000-item run's start.
 */
async function createRunRows(sql: Sql, runId: string, plan: Plan, settings: RunSettings) {
  const itemsById = new Map(plan.items.map((item) => [item.id, item]));
  const position = new Map(plan.items.map((item, index) => [item.id, index]));
  const isDone = (item: PlanItem | undefined) => item?.state === "done";
  const dependents = dependentsOf(plan.items);

  // Rows as Prisma describes them, without the run id every row shares (passed once).
  const waves: Omit<Prisma.WaveCreateManyInput, "runId">[] = [];
  const stories: Omit<Prisma.StoryCreateManyInput, "runId">[] = [];
  // One array per column, for `unnest`.
  const steps = {
    id: [] as string[],
    storyId: [] as string[],
    kind: [] as string[],
    position: [] as number[],
    queue: [] as string[],
    status: [] as string[],
    rank: [] as number[],
  };
  const pipelines = new Map(plan.items.map((item) => [item.id, pipelineFor(item, settings)]));
  const ranks = queueRanks(
    plan.items.map((item) => ({
      id: item.id,
      dependsOn: item.dependsOn,
      steps: isDone(item) ? 0 : (pipelines.get(item.id)?.length ?? 0),
    })),
    dependents,
  );
  for (const wave of plan.waves) {
    const waveId = createId("wave");
    const items = wave.itemIds.map((id) => itemsById.get(id)).filter((item): item is PlanItem => !!item);
    const gates = new Set([...wave.gates, ...items.flatMap((item) => item.gates)]);
    waves.push({
      id: waveId,
      index: wave.index,
      name: wave.name,
      remaining: items.filter((item) => !isDone(item)).length,
      gates: [...gates],
    });
    for (const item of items) {
      const storyId = createId("story");
      const done = isDone(item);
      stories.push({
        id: storyId,
        waveId,
        key: item.id,
        position: position.get(item.id) ?? 0,
        title: item.title,
        role: item.role,
        dependsOn: item.dependsOn,
        dependents: dependents.get(item.id) ?? [],
        pendingDeps: item.dependsOn.filter((dep) => itemsById.has(dep) && !isDone(itemsById.get(dep))).length,
        status: done ? "succeeded" : "pending",
        item: item as unknown as Prisma.InputJsonValue,
      });
      (pipelines.get(item.id) ?? []).forEach((kind, index) => {
        steps.id.push(createId("step"));
        steps.storyId.push(storyId);
        steps.kind.push(kind);
        steps.position.push(index);
        steps.queue.push(queueFor(kind));
        steps.status.push(done ? "skipped" : "pending");
        steps.rank.push(ranks.get(item.id) ?? 1);
      });
    }
  }
  await sql.execute(
    `INSERT INTO "Wave" (id, "runId", index, name, remaining, gates)
     SELECT w.id, $1, w.index, w.name, w.remaining, w.gates
     FROM jsonb_to_recordset($2::jsonb) AS w(id text, index int, name text, remaining int, gates text[])`,
    [runId, JSON.stringify(waves)],
  );
  await sql.execute(
    `INSERT INTO "Story" (id, "runId", "waveId", key, position, title, role, "dependsOn", dependents,
       "pendingDeps", status, item)
     SELECT s.id, $1, s."waveId", s.key, s.position, s.title, s.role, s."dependsOn", s.dependents,
       s."pendingDeps", s.status::"StoryStatus", s.item
     FROM jsonb_to_recordset($2::jsonb) AS s(id text, "waveId" text, key text, position int, title text,
       role text, "dependsOn" text[], dependents text[], "pendingDeps" int, status text, item jsonb)`,
    [runId, JSON.stringify(stories)],
  );
  await sql.execute(
    `INSERT INTO "Step" (id, "runId", "storyId", kind, position, queue, budget, status, rank)
     SELECT s.id, $1, s."storyId", s.kind::"StepKind", s.position, s.queue, $2, s.status::"StepStatus", s.rank
     FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[])
       AS s(id, "storyId", kind, position, queue, status, rank)`,
    [
      runId,
      settings.maxAttempts,
      steps.id,
      steps.storyId,
      steps.kind,
      steps.position,
      steps.queue,
      steps.status,
      steps.rank,
    ],
  );
}

import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import type { PlanItem } from "../planning";
import { finishStory } from "./story-lifecycle";
import { commit, emptyTransition, merge } from "./transition";
import { type EngineDeps, isActive, loadRunContext } from "./types";

export interface ClaimedStep {
  id: string;
  runId: string;
  storyId: string;
  kind: string;
  attempt: number;
  storyKey: string;
  item: PlanItem;
  projectId: string;
  projectConfig: unknown;
  workspacePath: string;
  specName: string;
  /** Results of the story's earlier steps (the tester's test file, the implementer's files). */
  earlier: { kind: string; result: Record<string, unknown> | null }[];
}

/**
 * Marks a queued step as running and opens an attempt. Returns null when there is nothing to do:
 * the step already finished (a job delivered twice) or its run is no longer active.
 */
export async function claimStep(deps: EngineDeps, stepId: string): Promise<ClaimedStep | null> {
  return deps.db.$transaction(async (tx) => {
    const now = new Date();
    const [step] = await tx.step.updateManyAndReturn({
      where: {
        id: stepId,
        status: { in: ["queued", "running"] },
        run: { status: { in: ["running", "awaiting_approval", "paused"] } },
      },
      data: { status: "running", startedAt: now, attempts: { increment: 1 } },
      select: { id: true, runId: true, storyId: true, kind: true, attempts: true },
    });
    if (!step) return null;
    // A job delivered again after a crash: the attempt that was cut short is recorded as such.
    await tx.attempt.updateMany({
      where: { stepId: step.id, status: "running" },
      data: { status: "cancelled", finishedAt: now, error: "the worker running it stopped" },
    });
    await tx.attempt.create({
      data: { id: createId("att"), stepId: step.id, storyId: step.storyId, number: step.attempts },
    });
    const story = await tx.story.update({
      where: { id: step.storyId },
      data: { status: "running" },
      select: {
        key: true,
        item: true,
        startedAt: true,
        steps: {
          where: { status: "succeeded" },
          orderBy: { position: "asc" },
          select: { kind: true, result: true },
        },
        run: { select: { projectId: true, project: true, spec: true } },
      },
    });
    // A story's bar starts with its first step, not its latest.
    const startedAt = story.startedAt ?? now;
    if (!story.startedAt) await tx.story.update({ where: { id: step.storyId }, data: { startedAt } });
    await commit(tx, step.runId, {
      jobs: [],
      events: [
        {
          type: "step:updated",
          payload: {
            stepId: step.id,
            storyId: step.storyId,
            kind: step.kind,
            status: "running",
            attempt: step.attempts,
            at: now.toISOString(),
          },
        },
        {
          type: "story:updated",
          payload: {
            storyId: step.storyId,
            key: story.key,
            status: "running",
            startedAt: startedAt.toISOString(),
          },
        },
      ],
    });
    return {
      id: step.id,
      runId: step.runId,
      storyId: step.storyId,
      kind: step.kind,
      attempt: step.attempts,
      storyKey: story.key,
      item: story.item as unknown as PlanItem,
      projectId: story.run.projectId,
      projectConfig: story.run.project.config,
      workspacePath: story.run.project.workspacePath,
      specName: specLabel(story.run.spec),
      earlier: story.steps.map((s) => ({ kind: s.kind, result: s.result as Record<string, unknown> | null })),
    };
  });
}

/** The spec's own id (EXEC-SPEC-022) when its plan has one, for commit scopes and exports. */
function specLabel(spec: { name: string; plan: Prisma.JsonValue }): string {
  const title = (spec.plan as { title?: string } | null)?.title ?? "";
  const id = title.match(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+/)?.[0];
  return id ?? spec.name.replace(/\.[a-z]+$/i, "");
}

export type StepOutcome =
  | { ok: true; result: Record<string, unknown>; log?: string }
  | { ok: false; error: string; log?: string; result?: Record<string, unknown> };

/**
 * Records a step's outcome and moves the run on, in one transaction. A failed step is tried
 * again while its budget lasts; then its story fails. A repeat is a no-op.
 */
export async function completeStep(deps: EngineDeps, stepId: string, outcome: StepOutcome): Promise<void> {
  const jobs = await deps.db.$transaction(async (tx) => {
    const now = new Date();
    const current = await tx.step.findUnique({
      where: { id: stepId },
      select: { attempts: true, budget: true, status: true },
    });
    if (current?.status !== "running") return [];
    const retry = !outcome.ok && current.attempts < current.budget;
    const [step] = await tx.step.updateManyAndReturn({
      where: { id: stepId, status: "running" },
      data: {
        status: outcome.ok ? "succeeded" : retry ? "queued" : "failed",
        finishedAt: retry ? null : now,
        queuedAt: retry ? now : undefined,
        dispatch: retry ? { increment: 1 } : undefined,
        result: outcome.result ? (outcome.result as Prisma.InputJsonValue) : undefined,
        error: outcome.ok ? null : outcome.error,
        log: (outcome.log ?? "").slice(-64_000),
      },
      select: {
        id: true,
        runId: true,
        storyId: true,
        position: true,
        kind: true,
        queue: true,
        dispatch: true,
        attempts: true,
      },
    });
    if (!step) return [];
    await tx.attempt.updateMany({
      where: { stepId, number: step.attempts, status: "running" },
      data: {
        status: outcome.ok ? "succeeded" : "failed",
        finishedAt: now,
        error: outcome.ok ? null : outcome.error,
        result: outcome.result ? (outcome.result as Prisma.InputJsonValue) : undefined,
        outputTail: (outcome.log ?? "").slice(-8000),
      },
    });
    const run = await loadRunContext(tx, step.runId);
    const out = emptyTransition();
    const status = outcome.ok ? "succeeded" : retry ? "queued" : "failed";
    out.events.push({
      type: "step:updated",
      payload: {
        stepId: step.id,
        storyId: step.storyId,
        kind: step.kind,
        status,
        attempt: step.attempts,
        at: now.toISOString(),
        ...(outcome.ok ? {} : { error: outcome.error }),
        // The page shows a finished step's files, commit and evidence without reading the run again.
        ...(outcome.result ? { result: outcome.result } : {}),
      },
    });
    if (retry) {
      if (isActive(run))
        out.jobs.push({ stepId: step.id, runId: step.runId, queue: step.queue, dispatch: step.dispatch });
      return commit(tx, step.runId, out);
    }
    if (!outcome.ok) {
      merge(out, await finishStory(tx, run, step.storyId, { status: "failed", error: outcome.error }));
      return commit(tx, step.runId, out);
    }
    const [next] = await tx.step.updateManyAndReturn({
      where: { storyId: step.storyId, position: step.position + 1, status: "pending" },
      data: { status: "queued", queuedAt: now, dispatch: { increment: 1 } },
      select: { id: true, queue: true, dispatch: true, kind: true },
    });
    if (next) {
      if (isActive(run))
        out.jobs.push({ stepId: next.id, runId: step.runId, queue: next.queue, dispatch: next.dispatch });
      out.events.push({
        type: "step:updated",
        payload: {
          stepId: next.id,
          storyId: step.storyId,
          kind: next.kind,
          status: "queued",
          at: now.toISOString(),
        },
      });
      return commit(tx, step.runId, out);
    }
    merge(out, await finishStory(tx, run, step.storyId, { status: "succeeded" }));
    return commit(tx, step.runId, out);
  });
  await deps.enqueue(jobs);
}

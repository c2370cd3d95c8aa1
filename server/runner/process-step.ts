import type { AgentAdapter } from "../agents/types";
import type { Db } from "../db/client";
import { claimStep, completeStep } from "../engine/step-lifecycle";
import type { EngineDeps } from "../engine/types";
import { commitFiles, ensureDemoRepository } from "./demo-workspace";

export interface StepRunnerDeps extends EngineDeps {
  db: Db;
  agentFor: (kind: string) => AgentAdapter;
}

const lockKey = (workspace: string) => `specwave-workspace:${workspace}`;

/** A lock on the workspace held across worker processes, for as long as `fn` runs. */
async function withWorkspaceLock<T>(db: Db, workspace: string, fn: () => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(workspace)}, 0))`;
      return fn();
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

/**
 * What a worker does with one step job: claim it in PostgreSQL, run the role's agent in the
 * workspace, commit what it wrote, record the outcome. A job delivered twice finds its step
 * finished and returns at once.
 */
export async function processStep(deps: StepRunnerDeps, stepId: string, signal: AbortSignal): Promise<void> {
  const step = await claimStep(deps, stepId);
  if (!step) return;
  let log = "";
  try {
    const agent = deps.agentFor(step.kind);
    if (agent.name !== "noop") await ensureDemoRepository(step.workspacePath);
    const result = await agent.run({
      runId: step.runId,
      storyId: step.storyId,
      stepId: step.id,
      attempt: step.attempt,
      role: "implementer",
      item: {
        id: step.item.id,
        title: step.item.title,
        body: step.item.body,
        acceptanceCriteria: step.item.acceptanceCriteria.map((criterion) => criterion.text),
        outputs: step.item.outputs,
        requirements: step.item.requirements ?? [],
        constraints: [],
        complex: step.item.complexity === "complex",
      },
      workspaceDir: step.workspacePath,
      signal,
      onOutput: (chunk) => {
        log = (log + chunk).slice(-64_000);
      },
    });
    if (result.exitCode !== 0) {
      await completeStep(deps, stepId, {
        ok: false,
        error: `the agent exited with ${result.exitCode}: ${result.summary}`,
        log,
      });
      return;
    }
    const title = step.item.title.replace(/\s+/g, " ").trim();
    const commit = await withWorkspaceLock(deps.db, step.workspacePath, () =>
      commitFiles(
        step.workspacePath,
        result.claimedFiles,
        `feat(${step.specName}): task ${step.storyKey} - ${title}`,
      ),
    );
    await completeStep(deps, stepId, {
      ok: true,
      result: { summary: result.summary, files: result.claimedFiles, commit, durationMs: result.durationMs },
      log,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await completeStep(deps, stepId, { ok: false, error: message, log });
  }
}

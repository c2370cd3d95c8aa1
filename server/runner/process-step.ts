import { setMaxListeners } from "node:events";
import type { AgentAdapter, AgentItem } from "../agents/types";
import type { Db } from "../db/client";
import { claimStep, completeStep, type StepOutcome } from "../engine/step-lifecycle";
import { recordStepOutput } from "../engine/step-output";
import type { EngineDeps } from "../engine/types";
import { runAgentStep, toAgentItem } from "./agent-step";
import { prepareItemWorkspace } from "./item-workspace";
import { createOutputFlusher } from "./output-flusher";
import { runVerifyStep } from "./verify-step";

export interface StepRunnerDeps extends EngineDeps {
  db: Db;
  /** The agent a step of this kind runs for this item (server configuration). */
  agentFor: (kind: string, item: AgentItem) => AgentAdapter;
  /** How often a running step checks whether a person cancelled it. */
  cancelPollMs?: number;
  /** How often, at most, a running agent's output tail is stored and announced. */
  outputFlushMs?: number;
}

/**
 * What a worker does with one step job: claim it in PostgreSQL, run it (an agent, or the
 * verification), record the outcome. A job delivered twice finds its step finished and returns
 * at once; a step cancelled meanwhile has its agent's process tree stopped.
 */
export async function processStep(
  deps: StepRunnerDeps,
  stepId: string,
  shutdown: AbortSignal,
): Promise<void> {
  const ran = await runStep(deps, stepId, shutdown);
  await ran?.recorded;
}

/**
 * `processStep` up to the end of the work: resolves once the agent (or the verification) is
 * done, with the recording of its outcome still in flight, so a worker can take its next job
 * while PostgreSQL commits. Null when there was nothing to run or the worker is stopping. The
 * recording only completes the attempt this claim opened.
 */
export async function runStep(
  deps: StepRunnerDeps,
  stepId: string,
  shutdown: AbortSignal,
): Promise<{ recorded: Promise<void> } | null> {
  const step = await claimStep(deps, stepId);
  if (!step) return null;
  const abort = new AbortController();
  setMaxListeners(0, abort.signal);
  const onShutdown = () => abort.abort();
  shutdown.addEventListener("abort", onShutdown, { once: true });
  const watch = setInterval(async () => {
    const current = await deps.db.step
      .findUnique({ where: { id: stepId }, select: { status: true } })
      .catch(() => null);
    if (current && current.status !== "running") abort.abort();
  }, deps.cancelPollMs ?? 1000);

  let log = "";
  // A lost tail only delays what the page shows; the step's outcome does not depend on it.
  const live = createOutputFlusher((output) => recordStepOutput(deps.db, stepId, output), {
    intervalMs: deps.outputFlushMs ?? 1000,
  });
  const onOutput = (chunk: string) => {
    log = (log + chunk).slice(-64_000);
    live.update(log);
  };
  let outcome: StepOutcome;
  try {
    // Verification checks the implementer's work: with the benchmarks' no-op agent there is none.
    const agent = deps.agentFor(step.kind === "verify" ? "implement" : step.kind, toAgentItem(step.item));
    const noop = agent.name === "noop";
    const demo = !noop && step.workspacePath.includes("workspaces/demo");
    const workspace = noop
      ? undefined
      : await prepareItemWorkspace(step.workspacePath, step.runId, step.storyKey, demo);
    const inWorktree = workspace ? { ...step, workspacePath: workspace.worktree.path } : step;
    if (step.kind !== "verify") outcome = await runAgentStep(inWorktree, agent, abort.signal, onOutput);
    else if (workspace) outcome = await runVerifyStep(inWorktree, workspace, abort.signal);
    else
      outcome = {
        ok: true,
        result: { evidence: null, note: "the no-op agent wrote nothing to verify (benchmarks only)" },
      };
  } catch (error) {
    outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearInterval(watch);
    await live.stop();
    shutdown.removeEventListener("abort", onShutdown);
  }
  const finishedAt = new Date();
  if (shutdown.aborted) return null; // the worker is stopping: the step is picked up again, not failed
  const recorded = completeStep(
    deps,
    stepId,
    { ...outcome, log: outcome.log ?? log },
    { last: step.last, limited: step.limited, attempt: step.attempt, finishedAt },
  );
  return { recorded };
}

import { setMaxListeners } from "node:events";
import type { Worker } from "bullmq";
import { createAgentForRole } from "../server/agents";
import { createDemoAgent, createNoopAgent } from "../server/agents/demo";
import type { AgentAdapter, AgentItem } from "../server/agents/types";
import { loadAgentsConfig } from "../server/config/agents";
import type { SpecwaveConfig } from "../server/config/env";
import { reconcile } from "../server/engine/reconciler";
import { allStepQueueNames, gateQueue, stepJobSchema } from "../server/queue/catalog";
import { roleForStep } from "../server/runner/agent-step";
import { runStep } from "../server/runner/process-step";
import { runWaveGates } from "../server/runner/run-gates";
import type { Logger } from "../server/runtime/logger";
import type { Services } from "../server/runtime/services";

export interface StepWorkers {
  close(): Promise<void>;
}

/**
 * Registers one thin processor per step queue, with the queue's global concurrency set so the
 * limit holds across every worker process, and the reconciler on a timer.
 */
export async function startStepWorkers(
  services: Services,
  config: SpecwaveConfig,
  logger: Logger,
  options: { failItems?: string[]; lieItems?: string[]; agent?: AgentAdapter } = {},
): Promise<StepWorkers> {
  const demo = createDemoAgent({
    durationMs: config.demoAgentMs,
    failItems: options.failItems ?? config.demoFailItems,
    lieItems: options.lieItems ?? config.demoLieItems,
  });
  const noop = createNoopAgent({ durationMs: config.demoAgentMs });
  const agents = loadAgentsConfig(config.agentsFile, config.agent);
  const builtInAgents = { demo, noop };
  const deps = {
    ...services,
    agentFor: (kind: string, item: AgentItem) =>
      options.agent ?? createAgentForRole(agents, roleForStep(kind), item, { builtInAgents }),
  };
  const shutdown = new AbortController();
  // Every running step listens for shutdown on this one signal.
  setMaxListeners(0, shutdown.signal);
  const workers: Worker[] = [];
  // Per queue, the outcomes still being recorded after their job gave its slot back (awaited on
  // close). If this process dies first, the step is still running in PostgreSQL with no job, and
  // the reconciler runs it again.
  const recordings: Set<Promise<void>>[] = [];
  const track = (pending: Set<Promise<void>>, recorded: Promise<void>, stepId: string) => {
    const settled = recorded
      .catch((error: unknown) =>
        logger.warn(
          { stepId, err: error },
          "recording a step's outcome failed; the reconciler will run it again",
        ),
      )
      .finally(() => pending.delete(settled));
    pending.add(settled);
  };

  for (const name of allStepQueueNames) {
    await services.dispatcher.queue(name).setGlobalConcurrency(config.concurrency);
    const pending = new Set<Promise<void>>();
    recordings.push(pending);
    const worker = services.kit.createWorker(
      name,
      async (job) => {
        const data = stepJobSchema.parse(job.data);
        const ran = await runStep(deps, data.stepId, shutdown.signal);
        if (!ran) return;
        track(pending, ran.recorded, data.stepId);
        // A queue runs ahead of its recordings by at most its concurrency; past that, a slot waits.
        while (pending.size > config.concurrency) await Promise.race(pending);
      },
      { concurrency: config.concurrency, lockDuration: config.jobLockMs },
    );
    worker.on("failed", (job, error) =>
      logger.warn({ queue: name, jobId: job?.id, err: error }, "step job failed"),
    );
    worker.on("error", (error) => logger.error({ queue: name, err: error }, "queue worker error"));
    workers.push(worker);
  }

  await services.dispatcher.queue(gateQueue).setGlobalConcurrency(config.concurrency);
  const gateWorker = services.kit.createWorker(
    gateQueue,
    async (job) => {
      const data = stepJobSchema.parse(job.data);
      await runWaveGates(services, data.stepId, shutdown.signal);
    },
    { concurrency: config.concurrency, lockDuration: config.jobLockMs },
  );
  gateWorker.on("failed", (job, error) =>
    logger.warn({ queue: gateQueue, jobId: job?.id, err: error }, "gate job failed"),
  );
  gateWorker.on("error", (error) => logger.error({ queue: gateQueue, err: error }, "queue worker error"));
  workers.push(gateWorker);

  const lostBefore = new Set<string>();
  let reconciling = false;
  const runReconciler = async () => {
    // One pass at a time: each compares what it finds with the pass before.
    if (reconciling) return;
    reconciling = true;
    try {
      const restored = await reconcile(services, services.dispatcher, { lostBefore });
      if (restored > 0) logger.info({ restored }, "reconciler put lost steps back on their queues");
    } catch (error) {
      logger.warn({ err: error }, "reconciler pass failed; will try again");
    } finally {
      reconciling = false;
    }
  };
  await runReconciler();
  const timer = setInterval(runReconciler, config.reconcileMs);
  logger.info(
    { queues: allStepQueueNames, concurrency: config.concurrency, backend: services.kit.kind },
    "workers ready",
  );

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        shutdown.abort();
        await Promise.allSettled(workers.map((worker) => worker.close()));
        await Promise.allSettled(recordings.flatMap((pending) => [...pending]));
      })();
      return closing;
    },
  };
}

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
import { processStep } from "../server/runner/process-step";
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

  for (const name of allStepQueueNames) {
    await services.dispatcher.queue(name).setGlobalConcurrency(config.concurrency);
    const worker = services.kit.createWorker(
      name,
      async (job) => {
        const data = stepJobSchema.parse(job.data);
        await processStep(deps, data.stepId, shutdown.signal);
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

  const runReconciler = async () => {
    try {
      const restored = await reconcile(services, services.dispatcher);
      if (restored > 0) logger.info({ restored }, "reconciler put lost steps back on their queues");
    } catch (error) {
      logger.warn({ err: error }, "reconciler pass failed; will try again");
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
      })();
      return closing;
    },
  };
}

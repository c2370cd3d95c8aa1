import type { Queue } from "bullmq";
import type { QueueProbe } from "../engine/reconciler";
import type { DispatchJob } from "../engine/types";
import type { QueueKit } from "./backend";
import { type StepJob, stepJobId } from "./catalog";

/** The one producer of step jobs: adds them under deterministic ids, grouped per queue. */
export class StepDispatcher implements QueueProbe {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly kit: QueueKit) {}

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.kit.createQueue(name);
      this.queues.set(name, queue);
    }
    return queue;
  }

  readonly enqueue = async (jobs: DispatchJob[]): Promise<void> => {
    const byQueue = new Map<string, DispatchJob[]>();
    for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    await Promise.all(
      [...byQueue].map(([name, group]) =>
        this.queue(name).addBulk(
          group.map((job) => ({
            name: "step",
            data: { stepId: job.stepId, runId: job.runId, dispatch: job.dispatch } satisfies StepJob,
            opts: {
              jobId: stepJobId(job.stepId, job.dispatch),
              removeOnComplete: true,
              removeOnFail: true,
              // BullMQ takes jobs without a priority first, then by priority, each in order.
              ...(job.rank ? { priority: job.rank } : {}),
            },
          })),
        ),
      ),
    );
  };

  async hasJob(queueName: string, stepId: string, dispatch: number): Promise<boolean> {
    const job = await this.queue(queueName).getJob(stepJobId(stepId, dispatch));
    if (!job) return false;
    const state = await job.getState();
    return state !== "completed" && state !== "failed" && state !== "unknown";
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
  }
}

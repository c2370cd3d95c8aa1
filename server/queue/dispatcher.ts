import type { Queue } from "bullmq";
import type { QueueProbe } from "../engine/reconciler";
import type { DispatchJob } from "../engine/types";
import type { QueueKit } from "./backend";
import { type StepJob, stepJobId } from "./catalog";

/** Jobs for one queue gathered until the end of the current turn of the event loop. */
interface Batch {
  jobs: DispatchJob[];
  added: Promise<void>;
}

/**
 * The one producer of step jobs: adds them under deterministic ids, grouped per queue. The jobs
 * enqueued during one turn of the event loop go in one `addBulk` per queue: the hand-overs of a
 * group commit each queue their story's next step, and together they cost one round trip and one
 * transaction in the queue backend instead of one each. Every caller's promise settles with the
 * batch that carried its jobs.
 */
export class StepDispatcher implements QueueProbe {
  private readonly queues = new Map<string, Queue>();
  private readonly batches = new Map<string, Batch>();

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
    const added = new Set<Promise<void>>();
    for (const job of jobs) added.add(this.batchFor(job.queue, job));
    await Promise.all(added);
  };

  /** Puts `job` in its queue's batch for this turn, opening one if needed; the batch's promise. */
  private batchFor(name: string, job: DispatchJob): Promise<void> {
    const open = this.batches.get(name);
    if (open) {
      open.jobs.push(job);
      return open.added;
    }
    const jobs = [job];
    const added = new Promise<void>((resolve, reject) => {
      // After this turn's callbacks and promise continuations, so every caller of it is in.
      // Any failure, even opening the queue, reaches the callers, never the event loop.
      setImmediate(() => {
        this.batches.delete(name);
        Promise.resolve()
          .then(() => this.queue(name).addBulk(jobs.map(bulkJob)))
          .then(() => resolve(), reject);
      });
    });
    this.batches.set(name, { jobs, added });
    return added;
  }

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

function bulkJob(job: DispatchJob) {
  return {
    name: "step",
    data: { stepId: job.stepId, runId: job.runId, dispatch: job.dispatch } satisfies StepJob,
    opts: {
      jobId: stepJobId(job.stepId, job.dispatch),
      removeOnComplete: true,
      removeOnFail: true,
      // BullMQ takes jobs without a priority first, then by priority, each in order.
      ...(job.rank ? { priority: job.rank } : {}),
    },
  };
}

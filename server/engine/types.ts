import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

export type Tx = Prisma.TransactionClient;

/** A step the engine committed as `queued`; the dispatcher puts it on its queue after commit. */
export interface DispatchJob {
  stepId: string;
  runId: string;
  queue: string;
  /** The step's dispatch number; with the step id it names the job. */
  dispatch: number;
}

export interface EngineDeps {
  db: Db;
  /** Puts jobs on their queues under deterministic ids (a repeat is a no-op). */
  enqueue: (jobs: DispatchJob[]) => Promise<void>;
}

export type ApprovalPolicy = "required" | "automatic";

export interface RunSettings {
  mode: "waves";
  approval: ApprovalPolicy;
}

export const defaultRunSettings: RunSettings = { mode: "waves", approval: "required" };

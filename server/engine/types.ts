import { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Sql } from "./sql";

export type Tx = Prisma.TransactionClient;

/** A job the engine committed; the dispatcher puts it on its queue after commit. */
export interface DispatchJob {
  /** A step job carries the step id; a gate job the wave id (or the run id for the end-of-run gates). */
  stepId: string;
  runId: string;
  queue: string;
  /** The step's dispatch number; with the step id it names the job. */
  dispatch: number;
  /**
   * The step's rank (BullMQ priority, 1 first; see `queueRanks`): a queue takes the steps with
   * the longest work still depending on them first, in the order they were queued within a
   * rank. Gate jobs have none and go before any step.
   */
  rank?: number;
}

export interface EngineDeps {
  db: Db;
  /** Puts jobs on their queues under deterministic ids (a repeat is a no-op). */
  enqueue: (jobs: DispatchJob[]) => Promise<void>;
}

/**
 * Run settings, chosen at start (project defaults underneath).
 * - `waves`: a wave starts when the previous one passed its gates and, if required, was approved.
 * - `eager`: an item starts as soon as its own dependencies are done; gates still run at wave
 *   boundaries, but nothing waits for approval (a pause for a person would stop unrelated work).
 * - `sequential`: one item at a time, in plan order, with the waves' gates and approvals.
 */
export const runSettingsSchema = z.object({
  mode: z.enum(["waves", "eager", "sequential"]).default("waves"),
  approval: z.enum(["required", "automatic"]).default("required"),
  /** Strict: a failed item or gate stops the run. Lenient: other items go on; failures are reported. */
  strict: z.boolean().default(true),
  /** Test-author writes the tests before the implementer (per item `tdd: false` skips it). */
  tdd: z.boolean().default(true),
  /** Spec-compliance and code-quality reviewers after the implementer. */
  reviewers: z.boolean().default(false),
  /** Attempts per step before its item fails. */
  maxAttempts: z.number().int().min(1).max(5).default(2),
  /**
   * At most this many of the run's items in flight (queued or running) at once, in plan order;
   * manual items waiting for a person do not count. Unset: as many as the queues take (each
   * queue's concurrency holds across all worker processes). Sequential mode is 1.
   */
  concurrency: z.number().int().min(1).max(10).optional(),
  /** Splits waves larger than this (re-planned from the spec at start). */
  batchSize: z.number().int().min(1).max(100).optional(),
  /**
   * Run only up to this wave (0-based), then pause, as `--phase N` asks: the run stops after
   * that wave's gates and waits for a Resume. Waves mode and sequential mode; eager has no
   * wave boundary to stop at.
   */
  stopAfterWave: z.number().int().min(0).optional(),
});

export type RunSettings = z.infer<typeof runSettingsSchema>;
export type RunSettingsInput = z.input<typeof runSettingsSchema>;
export type ApprovalPolicy = RunSettings["approval"];

export const defaultRunSettings: RunSettings = runSettingsSchema.parse({});

export function readRunSettings(json: unknown): RunSettings {
  return runSettingsSchema.parse(json ?? {});
}

/** The run as every transition needs it. */
export interface RunContext {
  id: string;
  status: string;
  settings: RunSettings;
}

export async function loadRunContext(sql: Sql, runId: string): Promise<RunContext> {
  const [run] = await sql.query<{ id: string; status: string; settings: unknown }>(
    `SELECT id, status::text AS status, settings FROM "Run" WHERE id = $1`,
    [runId],
  );
  if (!run) throw new Error(`no run ${runId}`);
  return { id: run.id, status: run.status, settings: readRunSettings(run.settings) };
}

export const activeRunStatuses = ["pending", "running", "awaiting_approval", "paused"] as const;

/** The same statuses as an SQL list, for `status IN ${activeRunStatusList}`. */
export const activeRunStatusList = `(${activeRunStatuses.map((status) => `'${status}'`).join(", ")})`;

/**
 * How many of the run's items may be in flight at once, or null for no limit of the run's own:
 * 1 in sequential mode, else the run's `concurrency` setting.
 */
export function inFlightLimit(settings: RunSettings): number | null {
  if (settings.mode === "sequential") return 1;
  return settings.concurrency ?? null;
}

/** `inFlightLimit(settings) === null` in SQL, for a statement that names the run `r`. */
export const unlimitedRunSql = `(r.settings->>'mode' <> 'sequential' AND r.settings->'concurrency' IS NULL)`;

export function isActive(run: { status: string }): boolean {
  return (activeRunStatuses as readonly string[]).includes(run.status);
}

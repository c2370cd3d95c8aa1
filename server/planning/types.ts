import type { PlanItem, SpecFormat, SpecIssue } from "../specs/types";

export type { PlanItem };

export interface PlanWave {
  index: number;
  name: string;
  itemIds: string[];
  /** Gate names to pass after the wave; commands are in `Plan.gates`. */
  gates: string[];
}

/** Stored in PostgreSQL as JSON: plain data only. */
export interface Plan {
  format: SpecFormat;
  title: string;
  items: PlanItem[];
  waves: PlanWave[];
  /** Item ids, first to last: the chain of dependencies (and wave barriers) that sets the plan's length. */
  criticalPath: string[];
  /** Gate name → the command text the spec gives. Data only: the planner never runs it. */
  gates: Record<string, string>;
  warnings: SpecIssue[];
  analysisRequired: boolean;
}

export interface PlanOptions {
  /** Most items one wave may start; larger waves are split into consecutive batches. */
  batchSize?: number;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: SpecIssue[]; warnings: SpecIssue[] };

/**
 * Wave planning: turns a parsed spec into dependency waves with a critical path, and writes
 * item states back into the spec's markdown. Pure and synchronous; never throws.
 */
export { planFiles, planSpec } from "./plan-spec";
export type { Plan, PlanItem, PlanOptions, PlanResult, PlanWave } from "./types";
export { writeBackStates } from "./write-back";

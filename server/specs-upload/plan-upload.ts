/**
 * Parses and plans an upload with the suggestions the PM accepted: what the preview shows and
 * what a stored spec's plan is. Calls only the public entry points of server/specs and
 * server/planning; pure, synchronous, never throws.
 */
import { type Plan, planFiles, planSpec } from "../planning";
import { parseSpec, type SpecFile, type SpecFormat, type SpecIssue } from "../specs";
import {
  type AcceptedDependency,
  applyAcceptedDependencies,
  listSuggestions,
  type SuggestedDependency,
} from "./accepted-dependencies";

/** A plan that records which suggestions were applied to it (stored with the spec). */
export type UploadPlan = Plan & { acceptedDependencies: AcceptedDependency[] };

export interface UploadPlanResult {
  ok: boolean;
  format?: SpecFormat;
  plan?: UploadPlan;
  errors: SpecIssue[];
  warnings: SpecIssue[];
  /** Read from prose, with what the PM accepted; listed even when an accepted one broke the plan. */
  suggestedDependencies: SuggestedDependency[];
}

export interface UploadPlanOptions {
  format?: SpecFormat;
  acceptedDependencies?: AcceptedDependency[];
  /** As planFiles takes it: a run started with a batch size plans its stored files again. */
  batchSize?: number;
}

export function planUpload(files: SpecFile[], options: UploadPlanOptions = {}): UploadPlanResult {
  const accepted = options.acceptedDependencies ?? [];
  const parseOptions = options.format ? { format: options.format } : {};
  const planOptions = options.batchSize === undefined ? {} : { batchSize: options.batchSize };
  if (accepted.length === 0) {
    // The common case keeps planFiles' fast path (no copy of a 10,000-item spec).
    const result = planFiles(files, { ...parseOptions, ...planOptions });
    if (!result.ok) return { ...result, suggestedDependencies: [] };
    return planned(result.plan, [], listSuggestions(result.plan.items, []));
  }
  const parsed = parseSpec(files, parseOptions);
  if (!parsed.ok) {
    return { ok: false, errors: parsed.errors, warnings: parsed.warnings, suggestedDependencies: [] };
  }
  const spec = parsed.spec;
  const suggestedDependencies = listSuggestions(spec.items, accepted);
  // The spec's own graph first: its errors are the spec's, whatever was accepted.
  const unchanged = planSpec(spec, planOptions);
  if (!unchanged.ok) {
    return { ok: false, errors: unchanged.errors, warnings: unchanged.warnings, suggestedDependencies };
  }

  // planSpec copied the items, so the parsed spec is still as the parser left it.
  const items = spec.items.map((item) => ({
    ...item,
    dependsOn: [...item.dependsOn],
    suggestedDependsOn: [...item.suggestedDependsOn],
  }));
  const problems = applyAcceptedDependencies(items, accepted);
  if (problems.length > 0) {
    return { ok: false, errors: problems, warnings: unchanged.plan.warnings, suggestedDependencies };
  }
  const replanned = planSpec({ ...spec, items }, planOptions);
  if (!replanned.ok) {
    return { ok: false, errors: replanned.errors, warnings: replanned.warnings, suggestedDependencies };
  }
  return planned(replanned.plan, accepted, suggestedDependencies);
}

function planned(
  plan: Plan,
  accepted: AcceptedDependency[],
  suggestedDependencies: SuggestedDependency[],
): UploadPlanResult {
  const applied = accepted.filter(
    (edge, index) =>
      accepted.findIndex((other) => other.item === edge.item && other.dependsOn === edge.dependsOn) === index,
  );
  return {
    ok: true,
    format: plan.format,
    plan: { ...plan, acceptedDependencies: applied.map(({ item, dependsOn }) => ({ item, dependsOn })) },
    errors: [],
    warnings: plan.warnings,
    suggestedDependencies,
  };
}

import { IssueLog } from "../specs/issues";
import { parseSpecWithIds } from "../specs/parse-spec";
import { reportDuplicateIds } from "../specs/spec-items";
import type { ParsedSpec, ParseOptions, PlanItem, SpecFile } from "../specs/types";
import { type DraftWave, explicitWaves, topologicalLayers } from "./compute-waves";
import { criticalPath } from "./critical-path";
import { ItemIndex } from "./item-index";
import { splitByBatchSize, splitSameFileWaves } from "./split-waves";
import type { Plan, PlanOptions, PlanResult, PlanWave } from "./types";
import { validateDependencies } from "./validate-graph";

/** Turns a parsed spec into waves. Never throws; the plan is plain JSON. */
export function planSpec(spec: ParsedSpec, options: PlanOptions = {}): PlanResult {
  return planSafely(spec, options, "copy", null);
}

export function planFiles(files: SpecFile[], options: ParseOptions & PlanOptions = {}): PlanResult {
  const { result: parsed, idPositions } = parseSpecWithIds(files, options);
  if (!parsed.ok) return parsed;
  // Nobody else ever sees this parsed spec, so its 10,000 items need no defensive copy, and the
  // index of their ids that parsing made for its duplicate check serves planning too.
  return planSafely(parsed.spec, options, "in-place", idPositions);
}

/** `copy`: planning must not touch the caller's spec. `in-place`: the spec is planFiles' own. */
type ItemHandling = "copy" | "in-place";

function planSafely(
  spec: ParsedSpec,
  options: PlanOptions,
  itemHandling: ItemHandling,
  idPositions: Map<string, number> | null,
): PlanResult {
  const log = new IssueLog();
  try {
    return planUnsafe(spec, options ?? {}, itemHandling, idPositions, log);
  } catch (err) {
    log.error(
      "internal_error",
      "",
      0,
      `Specwave could not plan this spec (${(err as Error)?.message ?? String(err)}).`,
    );
    return { ok: false, errors: log.errors, warnings: [...(spec?.warnings ?? []), ...log.warnings] };
  }
}

function planUnsafe(
  spec: ParsedSpec,
  options: PlanOptions,
  itemHandling: ItemHandling,
  idPositions: Map<string, number> | null,
  log: IssueLog,
): PlanResult {
  // Planning writes to its items (unconfirmable suggestions are dropped), so a caller's are copied.
  const items: PlanItem[] =
    itemHandling === "in-place"
      ? spec.items
      : spec.items.map((i) => ({
          ...i,
          dependsOn: [...i.dependsOn],
          suggestedDependsOn: [...i.suggestedDependsOn],
        }));
  const fail = (): PlanResult => ({
    ok: false,
    errors: log.errors,
    warnings: [...spec.warnings, ...log.warnings],
  });
  if (items.length === 0) {
    log.error("empty_spec", "", 0, "The spec has no items, so there is nothing to plan.");
    return fail();
  }
  // Positions from parsing index these very items (in place, unchanged since).
  const index = new ItemIndex(items, itemHandling === "in-place" ? (idPositions ?? undefined) : undefined);
  // parseSpec rejects these already; a spec built by hand gets the same error, as every later
  // step takes an id to mean one item.
  if (index.hasRepeatedIds) {
    reportDuplicateIds(items, log);
    return fail();
  }
  const depths = validateDependencies(items, index, log, spec.dependencySources ?? {});
  if (log.failed) return fail();

  let waves: DraftWave[] =
    spec.phases && spec.phases.length > 0
      ? explicitWaves(items, index, spec.phases, log)
      : topologicalLayers(items, "Wave", depths);
  if (log.failed) return fail();
  if (spec.analysisRequired) waves = waves.map((w, i) => (i === 0 ? { ...w, name: "Analysis" } : w));
  waves = splitSameFileWaves(waves, index, log);
  const batchSize = resolveBatchSize(options.batchSize, spec.batchSize, log);
  if (batchSize !== undefined) waves = splitByBatchSize(waves, batchSize);

  const planWaves: PlanWave[] = waves.map((w, i) => ({
    index: i,
    name: w.name,
    itemIds: w.itemIds,
    gates: w.gates.length > 0 ? [...w.gates] : unionOfGates(w.itemIds, index),
  }));
  const plan: Plan = {
    format: spec.format,
    title: spec.title,
    items,
    waves: planWaves,
    criticalPath: criticalPath(planWaves, index),
    gates: { ...spec.gates },
    warnings: [...spec.warnings, ...log.warnings],
    analysisRequired: spec.analysisRequired,
  };
  return { ok: true, plan };
}

function resolveBatchSize(
  option: number | undefined,
  fromSpec: number | undefined,
  log: IssueLog,
): number | undefined {
  const value = option ?? fromSpec;
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) {
    log.warn(
      "invalid_batch_size",
      "",
      0,
      `The batch size ${value} is not a positive whole number, so waves are not batched.`,
    );
    return undefined;
  }
  return value;
}

function unionOfGates(ids: string[], index: ItemIndex): string[] {
  const gates: string[] = [];
  // Indexed loops: for-of makes a result object per step until this is optimized.
  for (let i = 0; i < ids.length; i++) {
    const itemGates = index.get(ids[i] as string)?.gates ?? [];
    for (let g = 0; g < itemGates.length; g++) {
      const gate = itemGates[g] as string;
      if (!gates.includes(gate)) gates.push(gate);
    }
  }
  return gates;
}

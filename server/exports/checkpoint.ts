import type { Plan } from "../planning";
import type { ItemState, SpecIssue } from "../specs";
import { checkpointStates } from "../specs/exec-checkpoint";
import { ExportError } from "./errors";
import { gateOutcomes } from "./gate-outcomes";
import type { ExportSnapshot, ExportStory } from "./snapshot";
import { iso, specFeature, specIdentifier, storyFacts, translate } from "./step-facts";

/**
 * The checkpoint JSON of an EXEC-SPEC run (build-pipeline shape, as in the corpus's
 * EXEC-SPEC-024.json), written from the database so a run can be archived or resumed the way
 * the `/exec-spec-execute --resume` workflow does.
 */
export interface Checkpoint {
  spec: string;
  feature: string | null;
  prd_title: string;
  run_id: string;
  /** 1-based phase being worked on (or the last one, once the run ended); 0 before the first. */
  current_phase: number;
  status: string;
  completed_workstreams: string[];
  in_progress_workstreams: string[];
  pending_workstreams: string[];
  /** Read back as blocked by the checkpoint importer. */
  failed_workstreams: string[];
  skipped_workstreams: string[];
  workstream_details: Record<string, CheckpointWorkstream>;
  execution_phases: { phase: number; name: string; parallel: string[]; gates: string[]; status: string }[];
  artifacts: Record<string, string[]>;
  /** Gate names by their latest result; pending ones are named by the spec but never ran. */
  gates_passed: string[];
  gates_failed: string[];
  gates_skipped: string[];
  gates_pending: string[];
  started_at: string | null;
  completed_at: string | null;
  timestamp: string;
}

export interface CheckpointWorkstream {
  name: string;
  agent: string;
  depends_on: string[];
  outputs: string[];
  gate?: string;
  gates?: string[];
  status: string;
  started_at: string | null;
  completed_at: string | null;
  error?: string;
}

const runStatus: Record<string, string> = {
  pending: "pending",
  running: "executing",
  awaiting_approval: "awaiting_approval",
  paused: "paused",
  succeeded: "complete",
  failed: "failed",
  cancelled: "cancelled",
};

/** Story status → the words the EXEC-SPEC workflow writes (and `stateFromStatus` reads back). */
export const workstreamStatus: Record<string, string> = {
  pending: "pending",
  queued: "in_progress",
  running: "in_progress",
  succeeded: "complete",
  failed: "failed",
  skipped: "skipped",
  waiting_for_human: "waiting_for_human",
};

export function toCheckpoint(snapshot: ExportSnapshot): Checkpoint {
  const { run, stories, waves, spec } = snapshot;
  const ids = (...statuses: ExportStory["status"][]) =>
    stories.filter((story) => statuses.includes(story.status)).map((story) => story.key);
  const details: Record<string, CheckpointWorkstream> = {};
  const artifacts: Record<string, string[]> = {};
  for (const story of stories) {
    const gates = story.item.gates ?? [];
    details[story.key] = {
      name: story.title,
      agent: story.role,
      depends_on: story.dependsOn,
      outputs: story.item.outputs ?? [],
      ...(gates.length === 1 ? { gate: gates[0] } : gates.length > 1 ? { gates } : {}),
      status: translate(workstreamStatus, story.status),
      started_at: iso(story.startedAt),
      completed_at: iso(story.finishedAt),
      ...(story.error ? { error: story.error } : {}),
    };
    const files = storyFacts(story).filesModified;
    if (files && files.length > 0) artifacts[story.key] = files;
  }
  const gates = gateOutcomes(snapshot);
  const started = run.status !== "pending" || waves.some((wave) => wave.startedAt);
  return {
    spec: specIdentifier(snapshot),
    feature: specFeature(snapshot),
    prd_title: spec.plan.title || spec.name,
    run_id: run.id,
    current_phase: started ? Math.min(run.currentWave, Math.max(waves.length - 1, 0)) + 1 : 0,
    status: translate(runStatus, run.status),
    completed_workstreams: ids("succeeded"),
    in_progress_workstreams: ids("queued", "running"),
    pending_workstreams: ids("pending"),
    failed_workstreams: ids("failed"),
    skipped_workstreams: ids("skipped"),
    workstream_details: details,
    execution_phases: waves.map((wave) => ({
      phase: wave.index + 1,
      name: wave.name,
      parallel: stories.filter((story) => story.waveIndex === wave.index).map((story) => story.key),
      gates: wave.gates,
      status: wave.status,
    })),
    artifacts,
    gates_passed: gates.passed,
    gates_failed: gates.failed,
    gates_skipped: gates.skipped,
    gates_pending: gates.pending,
    started_at: iso(run.startedAt),
    completed_at: iso(run.finishedAt),
    timestamp: snapshot.exportedAt.toISOString(),
  };
}

/**
 * Item states from a checkpoint (ours or one an EXEC-SPEC run wrote), keyed by workstream id.
 * Accepts the parsed JSON or its text. The id arrays win over `workstream_details` statuses,
 * the same precedence the spec importer uses, so both read a checkpoint alike.
 */
export function checkpointToStates(checkpoint: unknown): Record<string, ItemState> {
  let data = checkpoint;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ExportError("invalid_checkpoint", `The checkpoint is not valid JSON: ${reason}`);
    }
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ExportError("invalid_checkpoint", "The checkpoint must be a JSON object.");
  }
  const record = data as Record<string, unknown>;
  const known = [
    "completed_workstreams",
    "in_progress_workstreams",
    "pending_workstreams",
    "workstream_details",
  ];
  if (!known.some((key) => key in record)) {
    throw new ExportError(
      "invalid_checkpoint",
      "The checkpoint lists no workstreams (no completed_workstreams, pending_workstreams or workstream_details).",
    );
  }
  return Object.fromEntries(checkpointStates(record));
}

/**
 * The plan a resumed run starts from: items the checkpoint marks completed become "done", which
 * the engine imports as already succeeded. Other states are left as the spec has them, because
 * only completed work is safe to skip. Checkpoint ids the plan does not know are reported as
 * warnings rather than dropped silently.
 */
export function applyCheckpointToPlan(plan: Plan, checkpoint: unknown): Plan {
  const states = checkpointToStates(checkpoint);
  const itemIds = new Set(plan.items.map((item) => item.id));
  const done = new Set(Object.keys(states).filter((id) => states[id] === "done"));
  const warnings: SpecIssue[] = [];
  const unknown = Object.keys(states).filter((id) => !itemIds.has(id));
  if (unknown.length > 0) {
    warnings.push({
      code: "checkpoint_unknown_item",
      severity: "warning",
      message: `The checkpoint names ${unknown.join(", ")}, which this spec does not have; they were ignored.`,
      file: "checkpoint",
      line: 0,
    });
  }
  const imported = plan.items.filter((item) => done.has(item.id) && item.state !== "done").map((i) => i.id);
  if (imported.length > 0) {
    warnings.push({
      code: "imported_state",
      severity: "warning",
      message: `The checkpoint marks ${imported.join(", ")} complete; they are imported as done.`,
      file: "checkpoint",
      line: 0,
    });
  }
  return {
    ...plan,
    items: plan.items.map((item) => (done.has(item.id) ? { ...item, state: "done" as const } : item)),
    warnings: [...plan.warnings, ...warnings],
  };
}

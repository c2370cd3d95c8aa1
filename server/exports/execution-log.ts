import { gateFailureMessage, gatesOfWave, runGates } from "./gate-outcomes";
import type { ExportGate, ExportSnapshot, ExportStory } from "./snapshot";
import { iso, spanMs, specIdentifier, stepDurationMs, storyFacts, translate } from "./step-facts";

/**
 * The single `execution.json` log of the layered-tasks workflow: `session`, `specs` keyed by spec
 * id with task counts, `overall` counts, and per layer (here: per wave) the task detail of the
 * corpus's execution-status.json. One run is one spec, so `specs` has one entry.
 */
export interface ExecutionLog {
  session: string;
  run_id: string;
  specs: Record<string, ExecutionSpecEntry>;
  overall: { total_specs: number; completed: number; in_progress: number; pending: number; failed: number };
}

export interface ExecutionSpecEntry {
  feature: string;
  feature_name: string;
  status: string;
  started_at: string | null;
  last_updated: string;
  completed_at: string | null;
  current_layer: string | null;
  tasks_total: number;
  tasks_completed: number;
  tasks_failed: number;
  tasks_skipped: number;
  remaining: number;
  completion_percentage: number;
  /** Over finished tasks only; null until one finished. */
  average_task_duration_ms: number | null;
  agents_mapped: string[];
  layers: Record<string, ExecutionLayer>;
  /** The definition-of-done gates, run once after the last wave. */
  dod_gates: ExecutionGate[];
  /** Story errors, then the run's own error (task and layer null). */
  errors: { task: string | null; layer: string | null; message: string; timestamp: string | null }[];
}

export interface ExecutionLayer {
  index: number;
  name: string;
  status: string;
  total_tasks: number;
  completed_tasks: number;
  failed_tasks: number;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  tasks: ExecutionTask[];
  gates: ExecutionGate[];
  /** Every decision a person made on the wave (a Pause, then a Continue), oldest first. */
  approvals: { decision: string; decided_by: string; comment: string | null; at: string }[];
}

export interface ExecutionGate {
  name: string;
  status: string;
  command: string;
  exit_code: number | null;
  duration_ms: number | null;
  completed_at: string;
}

export interface ExecutionTask {
  index: number;
  id: string;
  description: string;
  agent: string;
  complexity: string | null;
  dependencies: string[];
  status: string;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  /** Sum of the task's step times, which differs from duration_ms when it waited between steps. */
  step_time_ms: number;
  attempts: number;
  files_modified: string[];
  commit: string | null;
  error: string | null;
}

const taskStatus: Record<string, string> = {
  pending: "pending",
  queued: "in_progress",
  running: "in_progress",
  succeeded: "complete",
  failed: "failed",
  skipped: "skipped",
};

const layerStatus: Record<string, string> = {
  pending: "pending",
  running: "in_progress",
  awaiting_approval: "awaiting_approval",
  passed: "complete",
  failed: "failed",
};

/** The workflow's spec words: it never marks a spec "completed" with unchecked tasks ("partial"). */
function specStatus(snapshot: ExportSnapshot, allDone: boolean): string {
  switch (snapshot.run.status) {
    case "pending":
      return "pending";
    case "succeeded":
      return allDone ? "completed" : "partial";
    case "failed":
      return "failed";
    case "cancelled":
      return "cancelled";
    default:
      return "in_progress";
  }
}

export function toExecutionLog(snapshot: ExportSnapshot): ExecutionLog {
  const { run, stories, waves, exportedAt } = snapshot;
  const id = specIdentifier(snapshot);
  const by = (status: ExportStory["status"]) => stories.filter((story) => story.status === status).length;
  const completed = by("succeeded");
  const failed = by("failed");
  const skipped = by("skipped");
  const finishedDurations = stories
    .filter((story) => story.status === "succeeded" || story.status === "failed")
    .map((story) => spanMs(story.startedAt, story.finishedAt))
    .filter((ms): ms is number => ms !== null);
  const layers: Record<string, ExecutionLayer> = {};
  const errors: ExecutionSpecEntry["errors"] = [];
  for (const wave of waves) {
    const waveStories = stories.filter((story) => story.waveIndex === wave.index);
    const key = layers[wave.name] ? `${wave.name} #${wave.index + 1}` : wave.name;
    layers[key] = {
      index: wave.index,
      name: wave.name,
      status: translate(layerStatus, wave.status),
      total_tasks: waveStories.length,
      completed_tasks: waveStories.filter((story) => story.status === "succeeded").length,
      failed_tasks: waveStories.filter((story) => story.status === "failed").length,
      started_at: iso(wave.startedAt),
      completed_at: iso(wave.finishedAt),
      duration_ms: spanMs(wave.startedAt, wave.finishedAt),
      tasks: waveStories.map((story, index) => toTask(story, index, exportedAt)),
      gates: gatesOfWave(snapshot, wave.index).map(toGate),
      approvals: snapshot.approvals
        .filter((approval) => approval.waveIndex === wave.index)
        .map((approval) => ({
          decision: approval.decision,
          decided_by: approval.decidedBy,
          comment: approval.comment,
          at: approval.at.toISOString(),
        })),
    };
    for (const story of waveStories) {
      const message = story.error ?? story.steps.find((step) => step.error)?.error;
      if (message) errors.push({ task: story.key, layer: key, message, timestamp: iso(story.finishedAt) });
    }
    for (const gate of gatesOfWave(snapshot, wave.index)) {
      if (gate.status === "failed")
        errors.push({ task: null, layer: key, message: gateFailureMessage(gate), timestamp: iso(gate.at) });
    }
  }
  const status = specStatus(snapshot, completed === stories.length);
  const entry: ExecutionSpecEntry = {
    feature: id,
    feature_name: snapshot.spec.plan.title || snapshot.spec.name,
    status,
    started_at: iso(run.startedAt),
    last_updated: exportedAt.toISOString(),
    completed_at: iso(run.finishedAt),
    current_layer: waves.find((wave) => wave.index === run.currentWave)?.name ?? null,
    tasks_total: stories.length,
    tasks_completed: completed,
    tasks_failed: failed,
    tasks_skipped: skipped,
    remaining: stories.length - completed - failed - skipped,
    completion_percentage: stories.length === 0 ? 0 : Math.floor((completed / stories.length) * 100),
    average_task_duration_ms:
      finishedDurations.length === 0
        ? null
        : Math.round(finishedDurations.reduce((sum, ms) => sum + ms, 0) / finishedDurations.length),
    agents_mapped: [...new Set(stories.map((story) => story.role))].sort(),
    layers,
    dod_gates: runGates(snapshot).map(toGate),
    errors: run.error
      ? [...errors, { task: null, layer: null, message: run.error, timestamp: iso(run.finishedAt) }]
      : errors,
  };
  return {
    session: (run.startedAt ?? run.createdAt).toISOString(),
    run_id: run.id,
    specs: { [id]: entry },
    overall: {
      total_specs: 1,
      completed: status === "completed" ? 1 : 0,
      in_progress: status === "in_progress" ? 1 : 0,
      pending: status === "pending" ? 1 : 0,
      failed: status === "failed" ? 1 : 0,
    },
  };
}

function toGate(gate: ExportGate): ExecutionGate {
  return {
    name: gate.name,
    status: gate.status,
    command: gate.command,
    exit_code: gate.exitCode,
    duration_ms: gate.durationMs,
    completed_at: gate.at.toISOString(),
  };
}

function toTask(story: ExportStory, index: number, now: Date): ExecutionTask {
  const facts = storyFacts(story);
  return {
    index,
    id: story.key,
    description: story.title,
    agent: story.role,
    complexity: story.item.complexity ?? null,
    dependencies: story.dependsOn,
    status: translate(taskStatus, story.status),
    started_at: iso(story.startedAt),
    completed_at: iso(story.finishedAt),
    duration_ms: spanMs(story.startedAt, story.finishedAt),
    step_time_ms: story.steps.reduce((sum, step) => sum + (stepDurationMs(step, now) ?? 0), 0),
    attempts: story.steps.reduce((sum, step) => sum + step.attempts, 0),
    files_modified: facts.filesModified ?? [],
    commit: facts.commit,
    error: story.error ?? story.steps.find((step) => step.error)?.error ?? null,
  };
}

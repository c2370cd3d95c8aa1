/** The run as the dashboard holds it: the JSON of GET /api/v1/runs/:id. */
export type RunStatus =
  | "pending"
  | "running"
  | "awaiting_approval"
  | "paused"
  | "succeeded"
  | "failed"
  | "cancelled";
export type WaveStatus = "pending" | "running" | "gating" | "awaiting_approval" | "passed" | "failed";
export type StoryStatus =
  | "pending"
  | "queued"
  | "running"
  | "waiting_for_human"
  | "succeeded"
  | "failed"
  | "skipped";

export interface StepView {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  logTail?: string;
}

export interface StoryView {
  id: string;
  key: string;
  title: string;
  role: string;
  status: StoryStatus;
  waveIndex: number;
  dependsOn: string[];
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  outputs?: string[];
  acceptanceCriteria?: { text: string; done: boolean }[];
  steps: StepView[];
}

/** What verification recorded for an item (the verify step's `result.evidence`). */
export interface EvidenceView {
  testFile: string | null;
  tests: { total: number; passed: number; failed: number; skipped: number } | null;
  coverage: {
    lines: number | null;
    branches: number | null;
    functions: number | null;
    changedLines?: number | null;
  } | null;
  outputs: { present: string[]; missing: string[] };
  exitCode: number | null;
  durationMs: number;
  outputTail: string;
  commit: string | null;
  files: string[];
}

export interface GateResultView {
  waveIndex: number;
  scope: string;
  name: string;
  status: "passed" | "failed" | "skipped";
  command: string;
  exitCode: number | null;
  durationMs: number | null;
  outputTail: string;
  at: string;
}

export interface WaveView {
  id: string;
  index: number;
  name: string;
  status: WaveStatus;
  gateNames?: string[];
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ApprovalView {
  waveIndex: number;
  decision: "continue" | "pause";
  decidedBy: string;
  comment: string | null;
  at: string;
}

export interface RunView {
  id: string;
  /** The project the run belongs to: the person's role there decides which controls they see. */
  projectId: string;
  status: RunStatus;
  mode: string;
  currentWave: number;
  error: string | null;
  startedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  spec: { id: string; name: string; format: string };
  lastEventId: string;
  waves: WaveView[];
  stories: StoryView[];
  approvals: ApprovalView[];
  gates?: GateResultView[];
  settings?: Record<string, unknown>;
}

export interface RunEvent {
  id: string;
  runId: string;
  type:
    | "run:updated"
    | "wave:updated"
    | "story:updated"
    | "step:updated"
    | "step:output"
    | "approval:requested"
    | "approval:decided";
  version: number;
  payload: Record<string, unknown>;
  at: string;
}

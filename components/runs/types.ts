/** The run as the dashboard holds it: the JSON of GET /api/runs/:id. */
export type RunStatus =
  | "pending"
  | "running"
  | "awaiting_approval"
  | "paused"
  | "succeeded"
  | "failed"
  | "cancelled";
export type WaveStatus = "pending" | "running" | "awaiting_approval" | "passed" | "failed";
export type StoryStatus = "pending" | "queued" | "running" | "succeeded" | "failed" | "skipped";

export interface StepView {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
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
  steps: StepView[];
}

export interface WaveView {
  id: string;
  index: number;
  name: string;
  status: WaveStatus;
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
}

export interface RunEvent {
  id: string;
  runId: string;
  type:
    | "run:updated"
    | "wave:updated"
    | "story:updated"
    | "step:updated"
    | "approval:requested"
    | "approval:decided";
  version: number;
  payload: Record<string, unknown>;
  at: string;
}

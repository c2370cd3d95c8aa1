/**
 * The contract every coding-agent adapter implements. What an adapter runs is server
 * configuration; everything in `AgentTask.item` comes from an uploaded spec and is data only.
 */

export type AgentRole = "test-author" | "implementer" | "reviewer-spec" | "reviewer-quality" | "analyst";

export interface AgentItem {
  /** The plan item's stable id, e.g. `WS2`, `T014`, `US-007`, `1.2`. */
  id: string;
  title: string;
  body: string;
  acceptanceCriteria: string[];
  /** Expected output paths, relative to the workspace. */
  outputs: string[];
  requirements: string[];
  /** The spec section the item came from, verbatim. */
  specSection?: string;
  constraints: string[];
  /** Complex items (or ones touching auth, security, payments, migrations, concurrency) get the role's "complex" model. */
  complex: boolean;
}

export interface AgentTask {
  runId: string;
  storyId: string;
  stepId: string;
  attempt: number;
  role: AgentRole;
  item: AgentItem;
  /** Test file written by the test-author step, when there was one (relative to the workspace). */
  testFile?: string;
  /** Absolute path of the item's workspace (its worktree); the agent's working directory. */
  workspaceDir: string;
  /** Aborted when the step is cancelled or times out; the adapter must stop its whole process tree. */
  signal: AbortSignal;
  /** Streams output as it arrives (already capped by the adapter). */
  onOutput: (chunk: string) => void;
}

export interface AgentResult {
  exitCode: number;
  /** What the agent says about itself. Never evidence: verification decides whether an item is done. */
  claimedDone: boolean;
  summary: string;
  /** Last part of the combined output, for the step's log and error reports. */
  outputTail: string;
  /** Files the agent says it wrote, relative to the workspace. */
  claimedFiles: string[];
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
}

export interface AgentAdapter {
  readonly name: string;
  run(task: AgentTask): Promise<AgentResult>;
}

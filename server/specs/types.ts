/**
 * The shapes shared by every spec parser and by the planner. A parsed spec is plain data: the
 * planner, the upload flow and the engine all read it, and the plan built from it is stored as JSON.
 */

export type SpecFormat =
  | "exec-spec"
  | "exec-spec-checkpoint"
  | "layered-tasks"
  | "story-set"
  /** spec-workflow and Kiro numbered task lists. */
  | "task-list"
  | "spec-kit"
  | "freeform";

export const SPEC_FORMATS: readonly SpecFormat[] = [
  "exec-spec",
  "exec-spec-checkpoint",
  "layered-tasks",
  "story-set",
  "task-list",
  "spec-kit",
  "freeform",
];

/** One uploaded file; `name` may include folders, e.g. "user-stories/US-001.md". */
export interface SpecFile {
  name: string;
  content: string;
}

export interface SpecIssue {
  /** Stable machine code, e.g. `dependency_cycle`; the UI and tests key on it. */
  code: string;
  severity: "error" | "warning";
  /** Written for a PM: what is wrong and where to look. */
  message: string;
  file: string;
  /** 1-based. 0 when the issue concerns the upload as a whole. */
  line: number;
  column?: number;
}

export interface ParseOptions {
  /** Overrides detection when the user knows better. */
  format?: SpecFormat;
  /** Agent role → keywords; replaces the default map used when a spec names no agent. */
  agentKeywords?: Record<string, string[]>;
  /** Per-file size limit in bytes (default 2 MiB). */
  maxBytes?: number;
}

export type ItemState = "pending" | "in_progress" | "done" | "blocked";

export interface PlanItem {
  /** The spec's own id: WS1, T001, US-007, 1.2, L0-3… */
  id: string;
  title: string;
  body: string;
  /** Agent role name, e.g. "backend-developer". */
  role: string;
  dependsOn: string[];
  /** Read from prose; shown to the PM for confirmation, never applied to the waves. */
  suggestedDependsOn: string[];
  outputs: string[];
  /** Gate names; the plan's `gates` map gives each one's command text. */
  gates: string[];
  acceptanceCriteria: { text: string; done: boolean }[];
  state: ItemState;
  complexity?: string;
  manual: boolean;
  optional: boolean;
  tdd: boolean;
  requirements: string[];
  source: { file: string; line: number };
}

/**
 * A group of items the spec itself orders (an EXEC-SPEC phase, a layer, a spec-kit phase, a
 * `Wave:` number). The planner validates phases against the dependencies.
 */
export interface SpecPhase {
  name: string;
  itemIds: string[];
  gates: string[];
  /**
   * What a dependency between two items of the same phase means. `error`: the author declared
   * them parallel, so it is a `phase_order` error. `split`: the phase is only an ordering
   * bucket (layers), so the planner splits it into consecutive waves and warns.
   */
  sameWaveDependency: "error" | "split";
  source: { file: string; line: number };
}

/** A file that is part of the upload but holds no tasks (requirements.md, an epic, a design doc). */
export interface SupportingDocument {
  file: string;
  kind: "requirements" | "design" | "epic" | "state-log" | "spec";
}

export interface ParsedSpec {
  format: SpecFormat;
  title: string;
  items: PlanItem[];
  /** The spec's explicit phases, in order; null when the planner must compute topological layers. */
  phases: SpecPhase[] | null;
  /** Gate name → command text, as the spec gives it. Data only; never executed here. */
  gates: Record<string, string>;
  warnings: SpecIssue[];
  /** A free-form spec: wave 0 must turn it into a task list before anything else runs. */
  analysisRequired: boolean;
  /** A batch size the spec asks for (spw `max_tasks_per_wave`); an explicit option wins. */
  batchSize?: number;
  documents: SupportingDocument[];
  /** Why this format: the file and signal detection used, or "chosen by the user". */
  formatReason?: string;
  /** Where each item's dependency list is written, when not on the item's own line; errors point there. */
  dependencySources?: Record<string, { file: string; line: number }>;
}

export type ParseResult =
  | { ok: true; spec: ParsedSpec; warnings: SpecIssue[] }
  | { ok: false; errors: SpecIssue[]; warnings: SpecIssue[] };

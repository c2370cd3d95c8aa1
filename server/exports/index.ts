/**
 * Exports of a run in the formats the seed workflows write themselves (EXEC-SPEC checkpoint,
 * execution.json, the TDD run result, progress markdown, the spec's task file), read from
 * PostgreSQL in one snapshot; and the checkpoint import that lets a run resume from one.
 */
export {
  applyCheckpointToPlan,
  type Checkpoint,
  type CheckpointWorkstream,
  checkpointToStates,
  toCheckpoint,
} from "./checkpoint";
export { ExportError, type ExportErrorReason } from "./errors";
export { type ExecutionLog, toExecutionLog } from "./execution-log";
export { type GateOutcomes, gateOutcomes } from "./gate-outcomes";
export { formatDuration, progressMetrics, toProgressMarkdown } from "./progress-markdown";
export {
  contentDisposition,
  EXPORT_FORMATS,
  type ExportDocument,
  type ExportFormat,
  exportQuerySchema,
  exportRun,
  renderExport,
} from "./render";
export { type RunResult, type StoryResult, toRunResult } from "./run-result";
export {
  type ExportGate,
  type ExportSnapshot,
  type ExportStep,
  type ExportStory,
  type ExportWave,
  loadRunForExport,
} from "./snapshot";
export { taskStatesFromRun, toTasksFile } from "./tasks-file";

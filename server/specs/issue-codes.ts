/**
 * Every issue code Specwave's spec ingestion and planner emit, with what it means. Codes are
 * stable: the upload page, the engine and tests key on them. Errors stop the plan; warnings are
 * inferences and oddities the PM should see.
 */
export const SPEC_ISSUE_CODES = {
  // Errors
  bad_encoding: "A file is not UTF-8 text (or not text at all).",
  dependency_cycle: "Items depend on each other in a circle; the message names the whole cycle.",
  duplicate_id: "Two tasks, workstreams or stories share an id.",
  duplicate_phase_item: "An item is listed in two phases.",
  empty_spec: "Nothing to plan: no files, empty files, or no tasks in the chosen format.",
  file_too_large: "A file exceeds the size limit.",
  internal_error: "An unexpected failure inside Specwave; the spec is reported, never thrown.",
  invalid_field: "A field has the wrong shape (e.g. `workstreams` is not a map).",
  json_syntax: "A JSON file (checkpoint, execution status, workflow state) cannot be read.",
  phase_order: "Explicit phases run an item before, or alongside, one of its dependencies.",
  unknown_dependency: "An item depends on an id the spec does not define.",
  unknown_format: "The requested format is not one Specwave knows.",
  unknown_phase_item: "A phase lists an id the spec does not define.",
  yaml_syntax: "YAML frontmatter cannot be read (line and column given).",
  // Warnings: inferences
  analysis_required: "A free-form spec: wave 0 must write a task list before anything else runs.",
  agent_default: "No agent named and no keyword matched; the fallback role is used.",
  agent_from_keyword: "No agent named; the role was picked from a domain keyword.",
  checkbox_not_task: "Checkboxes that are not tasks (checklists, epic criteria, free-form notes).",
  dependency_from_prose: "Dependencies read from sentences; suggested only, never applied.",
  headings_only: "An EXEC-SPEC without frontmatter; structure read from headings.",
  heading_ignored: "A workstream-like heading outside every phase, read as a section title.",
  parent_task_grouping: "Tasks with sub-tasks are groups, not work of their own.",
  sequential_order_assumed: "No waves or dependencies given; tasks run one at a time in file order.",
  sequential_without_parallel_marker: "spec-kit tasks without [P] run one at a time within their phase.",
  structure_from_checkpoint: "Workstreams and phases taken from the checkpoint JSON.",
  // Warnings: imported state and cross-file checks
  checkpoint_unknown_item: "The checkpoint names a workstream the spec does not define.",
  checkpoint_without_details: "A checkpoint with ids only; names and dependencies are missing.",
  epic_story_missing: "An epic lists a story that was not uploaded.",
  imported_state: "States imported from a run log (checkpoint, execution status).",
  state_conflict: "A run log and the spec disagree on states; the run log wins.",
  state_ignored: "A state file without story lists.",
  state_unknown_item: "A state file names an item that was not uploaded.",
  state_without_stories: "Only a workflow state was uploaded; stories are known by id alone.",
  status_unknown_item: "The execution log names a task tasks.md does not have.",
  // Warnings: planning
  empty_phase: "A phase lists no items.",
  extra_file_ignored: "A second EXEC-SPEC in one upload was not read.",
  format_override: "The user's format choice differs from detection.",
  invalid_batch_size: "The batch size is not a positive whole number; waves are not batched.",
  item_not_in_phase: "Items in no explicit phase run after the last phase.",
  parallel_conflict: "A 'can run in parallel' hint contradicts the dependencies.",
  phase_split: "A layer or phase holds dependent items, so it runs as consecutive waves.",
  same_file_split: "Parallel items writing the same file run in separate waves.",
  template_placeholder: "The spec still has template placeholders.",
  unknown_gate: "An item names a gate the gates map does not define.",
  wave_incomplete: "Only some stories give a wave; waves are computed from dependencies.",
} as const;

export type SpecIssueCode = keyof typeof SPEC_ISSUE_CODES;

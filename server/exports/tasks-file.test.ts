import { describe, expect, it } from "vitest";
import { writeBackStates } from "../planning";
import { ExportError } from "./errors";
import { failedRunSnapshot, runningTaskListSnapshot, taskListSpec } from "./fixtures";
import { taskStatesFromRun, toTasksFile } from "./tasks-file";

function caught(fn: () => unknown): ExportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ExportError) return error;
    throw error;
  }
  throw new Error("expected an ExportError");
}

describe("toTasksFile", () => {
  it("writes back done for succeeded, in progress for running, and leaves pending and skipped stories alone", () => {
    const snapshot = runningTaskListSnapshot();
    expect(taskStatesFromRun(snapshot)).toEqual({ "1": "done", "2": "in_progress", "3": "done" });
    snapshot.stories = snapshot.stories.map((story) =>
      story.key === "2"
        ? { ...story, status: "failed" }
        : story.key === "1"
          ? { ...story, status: "skipped" }
          : story,
    );
    expect(taskStatesFromRun(snapshot)).toEqual({ "2": "blocked", "3": "done" });
  });

  it("returns the uploaded task file, under its own name, through planning's write-back", () => {
    const file = toTasksFile(runningTaskListSnapshot());
    expect(file).toEqual({
      name: "specs/billing/tasks.md",
      content: writeBackStates(taskListSpec, { "1": "done", "2": "in_progress", "3": "done" }),
    });
  });

  it("changes only the checkbox characters", () => {
    expect(toTasksFile(runningTaskListSnapshot()).content).toBe(`# Tasks

- [x] 1. Create the schema
  - File: src/schema.ts
- [-] 2. Build the service
  - _Depends: 1_
- [x] 3. Write the docs
`);
  });

  it("refuses a format without checkboxes with a typed error", () => {
    const error = caught(() => toTasksFile(failedRunSnapshot()));
    expect(error.reason).toBe("no_checkboxes");
    expect(error.code).toBe("invalid_state");
    expect(error.message).toBe(
      "This spec is in the exec-spec format, which has no task checkboxes to update; export the checkpoint or the run result instead.",
    );
  });

  it("refuses a spec whose tasks span several files", () => {
    const snapshot = runningTaskListSnapshot();
    const [first, ...rest] = snapshot.spec.plan.items;
    if (!first) throw new Error("fixture changed");
    snapshot.spec.plan = {
      ...snapshot.spec.plan,
      items: [{ ...first, source: { file: "other/tasks.md", line: 3 } }, ...rest],
    };
    expect(caught(() => toTasksFile(snapshot)).reason).toBe("several_task_files");
  });
});

import { describe, expect, it } from "vitest";
import { toExecutionLog } from "./execution-log";
import { failedRunSnapshot, runningTaskListSnapshot } from "./fixtures";

describe("toExecutionLog", () => {
  it("writes one execution.json: session, the spec's counts, a layer per wave, errors and overall counts", () => {
    const log = toExecutionLog(failedRunSnapshot());
    const entry = log.specs["EXEC-SPEC-B"];
    if (!entry) throw new Error("no entry for EXEC-SPEC-B");
    const { layers, ...spec } = entry;
    expect(log.session).toBe("2026-11-21T10:00:00.000Z");
    expect(log.run_id).toBe("run_b1");
    expect(Object.keys(log.specs)).toEqual(["EXEC-SPEC-B"]);
    expect(spec).toEqual({
      feature: "EXEC-SPEC-B",
      feature_name: "Billing emails",
      status: "failed",
      started_at: "2026-11-21T10:00:00.000Z",
      last_updated: "2026-11-21T10:05:00.000Z",
      completed_at: "2026-11-21T10:02:00.000Z",
      current_layer: "Phase 2",
      tasks_total: 4,
      tasks_completed: 2,
      tasks_failed: 1,
      tasks_skipped: 0,
      remaining: 1,
      completion_percentage: 50,
      // WS1 30 s, WS2 60 s, WS3 45 s.
      average_task_duration_ms: 45000,
      agents_mapped: ["backend-developer", "frontend-developer"],
      dod_gates: [],
      errors: [
        {
          task: "WS3",
          layer: "Phase 2",
          message: "the agent exited with 1: type error in src/emails.ts:4",
          timestamp: "2026-11-21T10:01:45.000Z",
        },
        {
          task: null,
          layer: "Phase 2",
          message: "Gate type-check failed (exit 2): npm run type-check",
          timestamp: "2026-11-21T10:01:58.000Z",
        },
        {
          task: null,
          layer: null,
          message: "WS3 failed: the agent exited with 1",
          timestamp: "2026-11-21T10:02:00.000Z",
        },
      ],
    });
    expect(log.overall).toEqual({ total_specs: 1, completed: 0, in_progress: 0, pending: 0, failed: 1 });

    expect(Object.keys(layers)).toEqual(["Phase 1", "Phase 2", "Phase 3"]);
    const layer2 = layers["Phase 2"];
    if (!layer2) throw new Error("no layer Phase 2");
    const { tasks, ...phase2 } = layer2;
    expect(phase2).toEqual({
      index: 1,
      name: "Phase 2",
      status: "failed",
      total_tasks: 2,
      completed_tasks: 1,
      failed_tasks: 1,
      started_at: "2026-11-21T10:01:00.000Z",
      completed_at: "2026-11-21T10:02:00.000Z",
      duration_ms: 60000,
      gates: [
        {
          name: "type-check",
          status: "failed",
          command: "npm run type-check",
          exit_code: 2,
          duration_ms: 4000,
          completed_at: "2026-11-21T10:01:58.000Z",
        },
      ],
      approvals: [],
    });
    expect(layers["Phase 1"]?.approvals).toEqual([
      { decision: "continue", decided_by: "pm@example.com", comment: null, at: "2026-11-21T10:00:45.000Z" },
    ]);
    expect(tasks).toEqual([
      {
        index: 0,
        id: "WS2",
        description: "Service",
        agent: "backend-developer",
        complexity: null,
        dependencies: ["WS1"],
        status: "complete",
        started_at: "2026-11-21T10:01:00.000Z",
        completed_at: "2026-11-21T10:02:00.000Z",
        duration_ms: 60000,
        step_time_ms: 60000,
        attempts: 2,
        files_modified: ["src/service.test.ts", "src/service.ts"],
        commit: "c3c3c3c",
        error: null,
      },
      {
        index: 1,
        id: "WS3",
        description: "Emails",
        agent: "frontend-developer",
        complexity: null,
        dependencies: ["WS1"],
        status: "failed",
        started_at: "2026-11-21T10:01:00.000Z",
        completed_at: "2026-11-21T10:01:45.000Z",
        duration_ms: 45000,
        step_time_ms: 45000,
        attempts: 2,
        files_modified: [],
        commit: null,
        error: "the agent exited with 1: type error in src/emails.ts:4",
      },
    ]);
    expect(layers["Phase 3"]?.status).toBe("pending");
    expect(layers["Phase 3"]?.tasks[0]?.status).toBe("pending");
  });

  it("counts a running step up to the snapshot and marks the spec in progress", () => {
    const log = toExecutionLog(runningTaskListSnapshot());
    const spec = log.specs.Tasks;
    expect(spec?.status).toBe("in_progress");
    expect(spec?.completion_percentage).toBe(66);
    expect(spec?.layers["Wave 2"]?.status).toBe("in_progress");
    // Started at 50 s, exported at 90 s.
    expect(spec?.layers["Wave 2"]?.tasks[0]?.step_time_ms).toBe(40000);
    expect(log.overall).toEqual({ total_specs: 1, completed: 0, in_progress: 1, pending: 0, failed: 0 });
  });

  it("calls a finished run with an unfinished item 'partial', as the workflow does, never 'completed'", () => {
    const snapshot = runningTaskListSnapshot();
    snapshot.run = { ...snapshot.run, status: "succeeded", finishedAt: snapshot.exportedAt };
    snapshot.stories = snapshot.stories.map((story) =>
      story.key === "2" ? { ...story, status: "skipped" } : story,
    );
    const spec = toExecutionLog(snapshot).specs.Tasks;
    expect(spec?.status).toBe("partial");
    expect(spec?.tasks_skipped).toBe(1);
    expect(spec?.remaining).toBe(0);
  });

  it("keys two waves of the same name apart", () => {
    const snapshot = runningTaskListSnapshot();
    snapshot.waves = snapshot.waves.map((wave) => ({ ...wave, name: "Layer" }));
    expect(Object.keys(toExecutionLog(snapshot).specs.Tasks?.layers ?? {})).toEqual(["Layer", "Layer #2"]);
  });
});

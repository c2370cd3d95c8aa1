import { describe, expect, it } from "vitest";
import { planFiles } from "../planning";
import { corpusFile } from "../specs/testing/corpus";
import { applyCheckpointToPlan, checkpointToStates, toCheckpoint } from "./checkpoint";
import { ExportError } from "./errors";
import { billingSpec, failedRunSnapshot, planOf, runningTaskListSnapshot } from "./fixtures";

const corpusCheckpoint = corpusFile(
  "diepulp__pt-2__.claude__skills__build-pipeline__checkpoints___archive__EXEC-SPEC-024.json",
).content;

describe("toCheckpoint", () => {
  it("writes the build-pipeline checkpoint of a run that stopped in its second phase", () => {
    expect(toCheckpoint(failedRunSnapshot())).toEqual({
      spec: "EXEC-SPEC-B",
      feature: "billing-emails",
      prd_title: "Billing emails",
      run_id: "run_b1",
      current_phase: 2,
      status: "failed",
      completed_workstreams: ["WS1", "WS2"],
      in_progress_workstreams: [],
      pending_workstreams: ["WS4"],
      failed_workstreams: ["WS3"],
      skipped_workstreams: [],
      workstream_details: {
        WS1: {
          name: "Schema",
          agent: "backend-developer",
          depends_on: [],
          outputs: ["src/schema.ts"],
          status: "complete",
          started_at: "2026-11-21T10:00:00.000Z",
          completed_at: "2026-11-21T10:00:30.000Z",
        },
        WS2: {
          name: "Service",
          agent: "backend-developer",
          depends_on: ["WS1"],
          outputs: ["src/service.ts"],
          gate: "type-check",
          status: "complete",
          started_at: "2026-11-21T10:01:00.000Z",
          completed_at: "2026-11-21T10:02:00.000Z",
        },
        WS3: {
          name: "Emails",
          agent: "frontend-developer",
          depends_on: ["WS1"],
          outputs: ["src/emails.ts"],
          status: "failed",
          started_at: "2026-11-21T10:01:00.000Z",
          completed_at: "2026-11-21T10:01:45.000Z",
          error: "the agent exited with 1: type error in src/emails.ts:4",
        },
        WS4: {
          name: "API",
          agent: "backend-developer",
          depends_on: ["WS2", "WS3"],
          outputs: ["src/api.ts"],
          gates: ["lint", "test-pass"],
          status: "pending",
          started_at: null,
          completed_at: null,
        },
      },
      execution_phases: [
        { phase: 1, name: "Phase 1", parallel: ["WS1"], gates: [], status: "passed" },
        { phase: 2, name: "Phase 2", parallel: ["WS2", "WS3"], gates: ["type-check"], status: "failed" },
        { phase: 3, name: "Phase 3", parallel: ["WS4"], gates: ["lint", "test-pass"], status: "pending" },
      ],
      artifacts: { WS1: ["src/schema.ts"], WS2: ["src/service.test.ts", "src/service.ts"] },
      gates_passed: [],
      gates_failed: ["type-check"],
      gates_skipped: [],
      gates_pending: ["lint", "test-pass"],
      started_at: "2026-11-21T10:00:00.000Z",
      completed_at: "2026-11-21T10:02:00.000Z",
      timestamp: "2026-11-21T10:05:00.000Z",
    });
  });

  it("lists running stories as in progress and names a run still going 'executing'", () => {
    const checkpoint = toCheckpoint(runningTaskListSnapshot());
    expect(checkpoint.status).toBe("executing");
    expect(checkpoint.current_phase).toBe(2);
    expect(checkpoint.completed_workstreams).toEqual(["1", "3"]);
    expect(checkpoint.in_progress_workstreams).toEqual(["2"]);
    expect(checkpoint.workstream_details["2"]?.status).toBe("in_progress");
    expect(checkpoint.completed_at).toBeNull();
  });

  it("lists a gate by its latest outcome, and a named gate that never ran as pending", () => {
    const snapshot = failedRunSnapshot();
    const [typeCheck] = snapshot.gates;
    if (!typeCheck) throw new Error("fixture changed");
    snapshot.gates = [
      ...snapshot.gates,
      { ...typeCheck, status: "passed", exitCode: 0, at: snapshot.exportedAt },
      {
        waveIndex: 2,
        scope: "wave",
        name: "lint",
        status: "skipped",
        command: "",
        exitCode: null,
        durationMs: null,
        at: snapshot.exportedAt,
      },
    ];
    const checkpoint = toCheckpoint(snapshot);
    expect([
      checkpoint.gates_passed,
      checkpoint.gates_failed,
      checkpoint.gates_skipped,
      checkpoint.gates_pending,
    ]).toEqual([["type-check"], [], ["lint"], ["test-pass"]]);
  });

  it("is at phase 0 before the first wave started", () => {
    const snapshot = runningTaskListSnapshot();
    snapshot.run = { ...snapshot.run, status: "pending", currentWave: 0, startedAt: null };
    snapshot.waves = snapshot.waves.map((wave) => ({
      ...wave,
      status: "pending",
      startedAt: null,
      finishedAt: null,
    }));
    expect(toCheckpoint(snapshot).current_phase).toBe(0);
  });
});

describe("checkpointToStates", () => {
  it("reads the corpus's EXEC-SPEC-024 checkpoint text: six workstreams complete", () => {
    expect(checkpointToStates(corpusCheckpoint)).toEqual({
      WS1: "done",
      WS2: "done",
      WS3: "done",
      WS4: "done",
      WS5: "done",
      WS6: "done",
    });
  });

  it("reads the seed's feature-pipeline shape, where a later list wins over pending", () => {
    expect(
      checkpointToStates({
        spec: "EXEC-SPEC-022",
        completed_workstreams: ["WS1"],
        in_progress_workstreams: ["WS2"],
        pending_workstreams: ["WS1", "WS3"],
      }),
    ).toEqual({ WS1: "done", WS2: "in_progress", WS3: "pending" });
  });

  it("refuses text that is not JSON, a non-object, and an object without workstreams, with typed errors", () => {
    for (const input of ["{not json", "[1,2]", 42, { spec: "EXEC-SPEC-1" }]) {
      let caught: unknown;
      try {
        checkpointToStates(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ExportError);
      expect((caught as ExportError).reason).toBe("invalid_checkpoint");
      expect((caught as ExportError).status).toBe(400);
    }
  });
});

describe("applyCheckpointToPlan", () => {
  it("round-trips: a run's exported checkpoint marks exactly its completed items done in the plan", () => {
    const plan = planOf([billingSpec]);
    const exported = JSON.stringify(toCheckpoint(failedRunSnapshot()));
    const resumed = applyCheckpointToPlan(plan, exported);
    expect(resumed.items.map((item) => [item.id, item.state])).toEqual([
      ["WS1", "done"],
      ["WS2", "done"],
      ["WS3", "pending"],
      ["WS4", "pending"],
    ]);
    expect(resumed.waves).toEqual(plan.waves);
    expect(resumed.warnings.map((warning) => warning.message)).toEqual([
      "The checkpoint marks WS1, WS2 complete; they are imported as done.",
    ]);
    // The plan passed in is left as it was.
    expect(plan.items.every((item) => item.state === "pending")).toBe(true);
  });

  it("warns about checkpoint workstreams the spec does not have", () => {
    const plan = planOf([billingSpec]);
    const resumed = applyCheckpointToPlan(plan, corpusCheckpoint);
    expect(resumed.items.every((item) => item.state === "done")).toBe(true);
    expect(resumed.warnings.map((warning) => warning.code)).toEqual([
      "checkpoint_unknown_item",
      "imported_state",
    ]);
    expect(resumed.warnings[0]?.message).toBe(
      "The checkpoint names WS5, WS6, which this spec does not have; they were ignored.",
    );
  });

  it("writes a checkpoint the spec importer reads back on its own, with the same phases and states", () => {
    const exported = JSON.stringify(toCheckpoint(failedRunSnapshot()), null, 2);
    const result = planFiles([{ name: "EXEC-SPEC-B.checkpoint.json", content: exported }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.format).toBe("exec-spec-checkpoint");
    expect(result.plan.items.map((item) => [item.id, item.state, item.dependsOn])).toEqual([
      ["WS1", "done", []],
      ["WS2", "done", ["WS1"]],
      ["WS3", "blocked", ["WS1"]],
      ["WS4", "pending", ["WS2", "WS3"]],
    ]);
    expect(result.plan.waves.map((wave) => wave.itemIds)).toEqual([["WS1"], ["WS2", "WS3"], ["WS4"]]);
  });
});

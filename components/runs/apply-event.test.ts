import { describe, expect, it } from "vitest";
import { applyRunEvent } from "./apply-event";
import type { RunEvent, RunView } from "./types";

const base: RunView = {
  id: "run_1",
  projectId: "prj_demo",
  status: "running",
  mode: "waves",
  currentWave: 0,
  error: null,
  startedBy: null,
  createdAt: "2026-11-21T10:00:00.000Z",
  startedAt: "2026-11-21T10:00:00.000Z",
  finishedAt: null,
  spec: { id: "spec_1", name: "S", format: "exec-spec" },
  lastEventId: "10",
  waves: [{ id: "w0", index: 0, name: "P1", status: "running", startedAt: null, finishedAt: null }],
  stories: [
    {
      id: "s1",
      key: "WS1",
      title: "Schema",
      role: "be",
      status: "queued",
      waveIndex: 0,
      dependsOn: [],
      startedAt: null,
      finishedAt: null,
      error: null,
      steps: [
        {
          id: "st1",
          kind: "implement",
          status: "queued",
          attempts: 0,
          startedAt: null,
          finishedAt: null,
          result: null,
          error: null,
        },
      ],
    },
  ],
  approvals: [],
};

const event = (id: string, type: RunEvent["type"], payload: Record<string, unknown>): RunEvent => ({
  id,
  runId: "run_1",
  type,
  version: 1,
  payload,
  at: "2026-11-21T10:00:05.000Z",
});

describe("applyRunEvent", () => {
  it("moves a story's status and records when it started", () => {
    const next = applyRunEvent(base, event("11", "story:updated", { storyId: "s1", status: "running" }));
    expect(next.stories[0]?.status).toBe("running");
    expect(next.stories[0]?.startedAt).toBe("2026-11-21T10:00:05.000Z");
    expect(next.lastEventId).toBe("11");
    expect(base.stories[0]?.status).toBe("queued");
  });

  it("updates waves, steps, the run and approvals", () => {
    let view = applyRunEvent(
      base,
      event("11", "wave:updated", { waveId: "w0", status: "awaiting_approval" }),
    );
    view = applyRunEvent(
      view,
      event("12", "step:updated", {
        stepId: "st1",
        storyId: "s1",
        status: "succeeded",
        at: "2026-11-21T10:00:06.000Z",
      }),
    );
    view = applyRunEvent(view, event("13", "run:updated", { status: "awaiting_approval" }));
    view = applyRunEvent(
      view,
      event("14", "approval:decided", { index: 0, decision: "continue", decidedBy: "pm", comment: null }),
    );
    expect(view.waves[0]?.status).toBe("awaiting_approval");
    expect(view.stories[0]?.steps[0]?.status).toBe("succeeded");
    expect(view.stories[0]?.steps[0]?.finishedAt).toBe("2026-11-21T10:00:06.000Z");
    expect(view.status).toBe("awaiting_approval");
    expect(view.approvals).toEqual([
      { waveIndex: 0, decision: "continue", decidedBy: "pm", comment: null, at: "2026-11-21T10:00:05.000Z" },
    ]);
  });

  it("shows a running step's output tail as it arrives", () => {
    const first = applyRunEvent(
      base,
      event("11", "step:output", { stepId: "st1", storyId: "s1", tail: "line 1\n" }),
    );
    expect(first.stories[0]?.steps[0]?.logTail).toBe("line 1\n");
    const second = applyRunEvent(
      first,
      event("12", "step:output", { stepId: "st1", storyId: "s1", tail: "line 1\nline 2\n" }),
    );
    expect(second.stories[0]?.steps[0]?.logTail).toBe("line 1\nline 2\n");
    expect(second.lastEventId).toBe("12");
  });

  it("ignores another run's events and never moves lastEventId backwards", () => {
    expect(applyRunEvent(base, { ...event("11", "run:updated", { status: "failed" }), runId: "run_2" })).toBe(
      base,
    );
    expect(applyRunEvent(base, event("9", "run:updated", { status: "running" })).lastEventId).toBe("10");
  });
});

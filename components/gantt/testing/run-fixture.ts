import type { RunView, StepView, StoryView } from "../../runs/types";

/** A small run for the Gantt's unit tests: WS1 in wave 1; WS2 (running) and WS3 (pending) in wave 2. */
export const t0 = Date.parse("2026-11-21T10:00:00Z");
export const iso = (offsetMs: number) => new Date(t0 + offsetMs).toISOString();

export function story(overrides: Partial<StoryView> & Pick<StoryView, "key">): StoryView {
  return {
    id: `story_${overrides.key}`,
    title: overrides.key,
    role: "be",
    status: "pending",
    waveIndex: 0,
    dependsOn: [],
    startedAt: null,
    finishedAt: null,
    error: null,
    steps: [],
    ...overrides,
  };
}

export function step(overrides: Partial<StepView> & Pick<StepView, "kind">): StepView {
  return {
    id: `step_${overrides.kind}`,
    status: "pending",
    attempts: 1,
    startedAt: null,
    finishedAt: null,
    result: null,
    error: null,
    ...overrides,
  };
}

export function run(overrides: Partial<RunView> = {}): RunView {
  return {
    id: "run_1",
    projectId: "prj_demo",
    status: "running",
    mode: "waves",
    currentWave: 1,
    error: null,
    startedBy: null,
    createdAt: iso(0),
    startedAt: iso(0),
    finishedAt: null,
    spec: { id: "spec_1", name: "S", format: "exec-spec" },
    lastEventId: "3",
    waves: [
      { id: "w0", index: 0, name: "Phase 1", status: "passed", startedAt: iso(0), finishedAt: iso(4000) },
      { id: "w1", index: 1, name: "Phase 2", status: "running", startedAt: iso(5000), finishedAt: null },
    ],
    stories: [
      story({
        id: "s1",
        key: "WS1",
        title: "Schema",
        status: "succeeded",
        startedAt: iso(0),
        finishedAt: iso(4000),
      }),
      story({
        id: "s2",
        key: "WS2",
        title: "Service",
        status: "running",
        waveIndex: 1,
        dependsOn: ["WS1"],
        startedAt: iso(5000),
      }),
      story({ id: "s3", key: "WS3", title: "UI", role: "fe", waveIndex: 1, dependsOn: ["WS1"] }),
    ],
    approvals: [],
    ...overrides,
  };
}

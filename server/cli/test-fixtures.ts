/** A hand-built run view for the CLI's pure tests. */
import type { CliRunView } from "./format-run";

export function runView(overrides: Partial<CliRunView> = {}): CliRunView {
  const story = (key: string, waveIndex: number, status: string) => ({
    id: `story_${key}`,
    key,
    title: `Item ${key}`,
    role: "backend-developer",
    status,
    waveIndex,
    dependsOn: [],
    startedAt: null,
    finishedAt: null,
    error: null,
    steps: [],
  });
  return {
    id: "run_0000000000000000000001",
    projectId: "prj_demo",
    status: "running",
    mode: "waves",
    settings: {},
    currentWave: 0,
    error: null,
    startedBy: "local user",
    createdAt: "2026-01-01T00:00:00.000Z",
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: null,
    spec: { id: "spec_1", name: "demo.md", format: "exec-spec" },
    lastEventId: "1",
    waves: [
      {
        id: "w1",
        index: 0,
        name: "Foundations",
        status: "running",
        gateNames: [],
        startedAt: null,
        finishedAt: null,
      },
      {
        id: "w2",
        index: 1,
        name: "Services",
        status: "pending",
        gateNames: [],
        startedAt: null,
        finishedAt: null,
      },
    ],
    stories: [story("WS1", 0, "succeeded"), story("WS2", 0, "running"), story("WS3", 1, "pending")],
    approvals: [],
    gates: [],
    ...overrides,
  };
}

/** The run stopped after wave 1: awaiting a decision, or paused by one. */
export function waitingView(status: "awaiting_approval" | "paused"): CliRunView {
  const view = runView({ status });
  view.waves = view.waves.map((wave) => (wave.index === 0 ? { ...wave, status: "awaiting_approval" } : wave));
  return view;
}

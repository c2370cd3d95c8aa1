import type { RunEvent, RunView, StepView, StoryView, WaveView } from "../../runs/types";

/**
 * A large, plausible run for the Gantt benchmark: finished waves before the running one, pending
 * waves after it, real-looking steps and dependencies on the previous wave. Deterministic (seeded),
 * so two bench runs draw the same thing.
 */
export interface BenchRunOptions {
  items: number;
  waves: number;
  /** Epoch ms of the run's start. */
  startedAt: number;
  seed?: number;
}

const stepKinds = ["test_author", "implement", "review_spec", "review_quality", "verify"] as const;

/** Park–Miller: tiny, deterministic, good enough for layout variety. */
function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

function timedSteps(storyId: string, start: number, duration: number, doneSteps: number, failed: boolean) {
  const share = duration / stepKinds.length;
  return stepKinds.map((kind, index): StepView => {
    const stepStart = start + index * share;
    const started = index <= doneSteps;
    const finished = index < doneSteps;
    const status = finished
      ? failed && index === doneSteps - 1
        ? "failed"
        : "succeeded"
      : started
        ? "running"
        : "pending";
    return {
      id: `${storyId}_${kind}`,
      kind,
      status,
      attempts: started ? 1 : 0,
      startedAt: started ? iso(stepStart) : null,
      finishedAt: finished ? iso(stepStart + share) : null,
      result: null,
      error: status === "failed" ? "verification failed" : null,
    };
  });
}

export function generateBenchRun({
  items,
  waves: waveCount,
  startedAt,
  seed = 42,
}: BenchRunOptions): RunView {
  const random = seededRandom(seed);
  const perWave = Math.ceil(items / waveCount);
  const runningWave = Math.floor(waveCount / 2);
  const waves: WaveView[] = [];
  const stories: StoryView[] = [];
  let waveStart = startedAt;

  for (let w = 0; w < waveCount; w++) {
    const status = w < runningWave ? "passed" : w === runningWave ? "running" : "pending";
    let waveEnd = waveStart;
    const firstInWave = stories.length;
    for (let i = 0; i < perWave && stories.length < items; i++) {
      const n = stories.length;
      const key = `IT${n + 1}`;
      const id = `story_${n + 1}`;
      const start = waveStart + Math.floor(random() * 30_000);
      const duration = 20_000 + Math.floor(random() * 280_000);
      const previousWave = w > 0 ? stories.slice(firstInWave - perWave, firstInWave) : [];
      const dependsOn = previousWave.length
        ? [...new Set([0, 1].map(() => previousWave[Math.floor(random() * previousWave.length)]?.key ?? ""))]
        : [];
      const failed = status === "passed" && n % 37 === 0;
      const doneSteps =
        status === "passed" ? stepKinds.length : status === "running" ? n % stepKinds.length : -1;
      stories.push({
        id,
        key,
        title: `Generated item ${n + 1}: ${["schema", "service", "API", "page", "job"][n % 5]}`,
        role: n % 2 ? "fe" : "be",
        status:
          status === "passed"
            ? failed
              ? "failed"
              : "succeeded"
            : status === "running"
              ? "running"
              : "pending",
        waveIndex: w,
        dependsOn: dependsOn.filter(Boolean),
        startedAt: status === "pending" ? null : iso(start),
        finishedAt: status === "passed" ? iso(start + duration) : null,
        error: failed ? "verification failed" : null,
        steps: timedSteps(id, start, duration, doneSteps, failed),
      });
      waveEnd = Math.max(waveEnd, start + duration);
    }
    waves.push({
      id: `wave_${w}`,
      index: w,
      name: `Group ${w + 1}`,
      status,
      startedAt: status === "pending" ? null : iso(waveStart),
      finishedAt: status === "passed" ? iso(waveEnd) : null,
    });
    if (status === "passed") waveStart = waveEnd + 5_000;
  }

  return {
    id: "run_bench",
    projectId: "prj_demo",
    status: "running",
    mode: "waves",
    currentWave: runningWave,
    error: null,
    startedBy: "bench",
    createdAt: iso(startedAt),
    startedAt: iso(startedAt),
    finishedAt: null,
    spec: { id: "spec_bench", name: `Benchmark: ${items} items`, format: "generated" },
    lastEventId: "1",
    waves,
    stories,
    approvals: waves
      .filter((wave) => wave.status === "passed")
      .map((wave) => ({
        waveIndex: wave.index,
        decision: "continue" as const,
        decidedBy: "pm@example.com",
        comment: null,
        at: wave.finishedAt ?? iso(startedAt),
      })),
  };
}

/** Ids of the stories that receive live events: the running wave's. */
export function runningStoryIds(run: RunView): string[] {
  return run.stories.filter((story) => story.waveIndex === run.currentWave).map((story) => story.id);
}

/**
 * The `sequence`-th live event: steps of the running wave's items (`storyIds`) starting and
 * finishing in turn, as the engine would report them. Feed each through applyRunEvent, like the
 * socket handler does.
 */
export function benchEvent(run: RunView, storyIds: string[], sequence: number, at: number): RunEvent {
  const storyId = storyIds[sequence % Math.max(1, storyIds.length)] ?? "";
  const round = Math.floor(sequence / Math.max(1, storyIds.length));
  const kind = stepKinds[Math.floor(round / 2) % stepKinds.length];
  return {
    id: String(BigInt(run.lastEventId) + 1n),
    runId: run.id,
    type: "step:updated",
    version: 1,
    payload: {
      storyId,
      stepId: `${storyId}_${kind}`,
      status: round % 2 === 0 ? "running" : "succeeded",
      at: iso(at),
    },
    at: iso(at),
  };
}

import { describe, expect, it } from "vitest";
import { failedRunSnapshot, runningTaskListSnapshot } from "./fixtures";
import { formatDuration, progressMetrics, toProgressMarkdown } from "./progress-markdown";

describe("toProgressMarkdown", () => {
  it("writes elapsed time, speedup, items completed, the wave table and each wave's items", () => {
    expect(
      toProgressMarkdown(failedRunSnapshot()),
    ).toBe(`## Feature: Billing emails - Parallel Execution Progress

Run \`run_b1\` · status failed · mode waves · exported 2026-11-21T10:05:00.000Z

### Performance Metrics
- Total elapsed: 2m 00s
- Parallel speedup: 1.1x (step time 2m 15s over wall time 2m 00s)
- Items completed: 2/4 (1 failed)

### Waves

| Wave | Name | Status | Items | Done | Failed | Duration | Gates |
| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |
| 1 | Phase 1 | ✅ passed | 1 | 1 | 0 | 30.0 s | - |
| 2 | Phase 2 | ❌ failed | 2 | 1 | 1 | 1m 00s | type-check ❌ |
| 3 | Phase 3 | ⏸️ pending | 1 | 0 | 0 | - | lint ⏳, test-pass ⏳ |

### Wave 1: Phase 1 ✅ (30.0 s)
_continue by pm@example.com at 2026-11-21T10:00:45.000Z_

- [x] WS1: Schema - done

### Wave 2: Phase 2 ❌ (1m 00s)
- [x] WS2: Service - done
- [ ] WS3: Emails - failed: the agent exited with 1: type error in src/emails.ts:4

### Wave 3: Phase 3 ⏸️
- [ ] WS4: API - pending
`);
  });

  it("measures a running run up to the snapshot and does not repeat a wave's default name", () => {
    const markdown = toProgressMarkdown(runningTaskListSnapshot());
    expect(markdown).toContain("- Total elapsed: 1m 30s\n");
    expect(markdown).toContain("- Parallel speedup: 0.9x (step time 1m 20s over wall time 1m 30s)\n");
    expect(markdown).toContain("- Items completed: 2/3\n");
    expect(markdown).toContain("### Wave 2 🔄 (40.0 s)\n- [ ] 2: Build the service - in progress\n");
  });

  it("lists the definition-of-done gates under the metrics", () => {
    const snapshot = failedRunSnapshot();
    snapshot.gates = [
      ...snapshot.gates,
      {
        waveIndex: null,
        scope: "dod",
        name: "build",
        status: "passed",
        command: "npm run build",
        exitCode: 0,
        durationMs: 9000,
        at: snapshot.exportedAt,
      },
      {
        waveIndex: null,
        scope: "dod",
        name: "e2e",
        status: "skipped",
        command: "",
        exitCode: null,
        durationMs: null,
        at: snapshot.exportedAt,
      },
    ];
    expect(toProgressMarkdown(snapshot)).toContain(
      "- Items completed: 2/4 (1 failed)\n- Definition of done: build ✅, e2e ⏭️\n",
    );
  });

  it("escapes a pipe in a wave name so the table keeps its columns", () => {
    const snapshot = runningTaskListSnapshot();
    snapshot.waves = snapshot.waves.map((wave) => ({ ...wave, name: "API | UI" }));
    expect(toProgressMarkdown(snapshot)).toContain("| 1 | API \\| UI | ✅ passed |");
  });
});

describe("progressMetrics", () => {
  it("is the sum of step times over the wall time", () => {
    expect(progressMetrics(failedRunSnapshot())).toEqual({
      wallMs: 120_000,
      stepMs: 135_000,
      speedup: 1.125,
      completed: 2,
      failed: 1,
      skipped: 0,
    });
  });

  it("has no wall time and no speedup before the run started", () => {
    const snapshot = runningTaskListSnapshot();
    snapshot.run = { ...snapshot.run, startedAt: null };
    const metrics = progressMetrics(snapshot);
    expect(metrics.wallMs).toBeNull();
    expect(metrics.speedup).toBeNull();
    expect(toProgressMarkdown(snapshot)).toContain("- Total elapsed: not started\n- Parallel speedup: n/a");
  });
});

describe("formatDuration", () => {
  it("reads as milliseconds, seconds, minutes or hours", () => {
    expect([850, 12_340, 245_000, 7_380_000].map(formatDuration)).toEqual([
      "850 ms",
      "12.3 s",
      "4m 05s",
      "2h 03m",
    ]);
  });
});

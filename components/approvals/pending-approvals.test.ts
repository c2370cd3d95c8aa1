import { describe, expect, it } from "vitest";
import { run, story } from "../gantt/testing/run-fixture";
import type { RunSummary } from "../runs/queries";
import {
  approvalNotices,
  isWaveBehind,
  noticeKey,
  runOfPage,
  type WaitingWave,
  waitingRunsQuery,
  waitingWaveOf,
} from "./pending-approvals";

const runA = "run_0000000000000000000000a1";
const runB = "run_0000000000000000000000b2";

function summary(id: string, overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    projectId: "prj_demo",
    status: "awaiting_approval",
    specName: `${id}.md`,
    storiesTotal: 3,
    storiesDone: 1,
    storiesFailed: 0,
    createdAt: "2026-11-21T10:00:00Z",
    finishedAt: null,
    startedBy: "approver@example.com",
    ...overrides,
  };
}

const wave0: WaitingWave = { index: 0, name: "Phase 1", finished: 1 };

describe("waitingWaveOf", () => {
  it("is the wave waiting for a person, with the items finished so far", () => {
    const waiting = run({
      status: "awaiting_approval",
      waves: [
        {
          id: "w0",
          index: 0,
          name: "Phase 1",
          status: "awaiting_approval",
          startedAt: null,
          finishedAt: null,
        },
        { id: "w1", index: 1, name: "Phase 2", status: "pending", startedAt: null, finishedAt: null },
      ],
      stories: [
        story({ key: "A", status: "succeeded" }),
        story({ key: "B", status: "failed" }),
        story({ key: "C", waveIndex: 1 }),
      ],
    });
    expect(waitingWaveOf(waiting)).toEqual({ index: 0, name: "Phase 1", finished: 2 });
  });

  it("is none once the run goes on", () => {
    expect(waitingWaveOf(run({ status: "running" }))).toBeNull();
  });
});

describe("isWaveBehind", () => {
  it("says a run read before a later wave finished is out of date", () => {
    expect(isWaveBehind(summary(runA), wave0)).toBe(false);
    expect(isWaveBehind(summary(runA, { storiesDone: 2 }), wave0)).toBe(true);
    expect(isWaveBehind(summary(runA), null)).toBe(true);
  });
});

describe("runOfPage", () => {
  it("is the run of a run page only, not of its coverage page", () => {
    expect(runOfPage(`/runs/${runA}`)).toBe(runA);
    expect(runOfPage(`/runs/${runA}/coverage`)).toBeNull();
    expect(runOfPage("/")).toBeNull();
  });
});

describe("approvalNotices", () => {
  const runs = [summary(runA), summary(runB)];
  const waves = new Map<string, WaitingWave | null>([
    [runA, wave0],
    [runB, { index: 2, name: "Phase 3", finished: 1 }],
  ]);

  it("names each waiting run and its wave on other pages", () => {
    const notices = approvalNotices(runs, waves, { pathname: "/settings/tokens", dismissed: new Set() });
    expect(notices.map((notice) => [notice.runId, notice.specName, notice.wave.index])).toEqual([
      [runA, `${runA}.md`, 0],
      [runB, `${runB}.md`, 2],
    ]);
  });

  it("leaves out the run whose page is open, but not on its coverage page", () => {
    expect(
      approvalNotices(runs, waves, { pathname: `/runs/${runA}`, dismissed: new Set() }).map((n) => n.runId),
    ).toEqual([runB]);
    expect(
      approvalNotices(runs, waves, { pathname: `/runs/${runA}/coverage`, dismissed: new Set() }),
    ).toHaveLength(2);
  });

  it("leaves out a dismissed request, and notifies again for the run's next wave", () => {
    const dismissed = new Set([noticeKey(runA, 0)]);
    expect(approvalNotices(runs, waves, { pathname: "/", dismissed }).map((n) => n.runId)).toEqual([runB]);
    const later = new Map(waves).set(runA, { index: 1, name: "Phase 2", finished: 2 });
    expect(approvalNotices(runs, later, { pathname: "/", dismissed }).map((n) => n.key)).toEqual([
      noticeKey(runA, 1),
      noticeKey(runB, 2),
    ]);
  });

  it("waits until the run says which wave waits", () => {
    const unknown = new Map<string, WaitingWave | null>([[runB, null]]);
    expect(approvalNotices(runs, unknown, { pathname: "/", dismissed: new Set() })).toEqual([]);
  });
});

describe("waitingRunsQuery", () => {
  it("keys the list by its filter, apart from the runs page's own list", () => {
    expect(waitingRunsQuery().queryKey).toEqual(["runs", { status: "awaiting_approval", limit: 20 }]);
  });
});

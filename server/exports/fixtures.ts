import { type Plan, planFiles } from "../planning";
import type { SpecFile } from "../specs";
import type { ExportSnapshot, ExportStep, ExportStory } from "./snapshot";

/** Hand-built snapshots for the renderers' tests: fixed instants, so outputs can be pinned exactly. */
export const t0 = Date.parse("2026-11-21T10:00:00.000Z");
export const at = (seconds: number) => new Date(t0 + seconds * 1000);

export const billingSpec: SpecFile = {
  name: "EXEC-SPEC-B.md",
  content: `---
spec: EXEC-SPEC-B
feature: billing-emails
workstreams:
  WS1:
    name: Schema
    agent: backend-developer
    depends_on: []
    outputs: [src/schema.ts]
  WS2:
    name: Service
    agent: backend-developer
    depends_on: [WS1]
    outputs: [src/service.ts]
    gate: type-check
  WS3:
    name: Emails
    agent: frontend-developer
    depends_on: [WS1]
    outputs: [src/emails.ts]
  WS4:
    name: API
    agent: backend-developer
    depends_on: [WS2, WS3]
    outputs: [src/api.ts]
    gates: [lint, test-pass]
execution_phases:
  - parallel: [WS1]
  - parallel: [WS2, WS3]
  - parallel: [WS4]
---

# Billing emails
`,
};

export const taskListSpec: SpecFile = {
  name: "specs/billing/tasks.md",
  content: `# Tasks

- [ ] 1. Create the schema
  - File: src/schema.ts
- [ ] 2. Build the service
  - _Depends: 1_
- [x] 3. Write the docs
`,
};

export function planOf(files: SpecFile[]): Plan {
  const result = planFiles(files);
  if (!result.ok) throw new Error(`fixture spec does not plan: ${JSON.stringify(result.errors)}`);
  return result.plan;
}

function step(partial: Partial<ExportStep> & Pick<ExportStep, "kind" | "position" | "status">): ExportStep {
  return { attempts: 0, startedAt: null, finishedAt: null, result: null, error: null, ...partial };
}

function story(
  plan: Plan,
  key: string,
  waveIndex: number,
  partial: Partial<ExportStory> & Pick<ExportStory, "status">,
): ExportStory {
  const item = plan.items.find((candidate) => candidate.id === key);
  if (!item) throw new Error(`no item ${key}`);
  return {
    key,
    title: item.title,
    role: item.role,
    waveIndex,
    dependsOn: item.dependsOn,
    item,
    startedAt: null,
    finishedAt: null,
    error: null,
    steps: [],
    ...partial,
  };
}

/**
 * EXEC-SPEC-B, stopped in its second wave: WS1 done, WS2 done with a TDD pair and test evidence,
 * WS3 failed after two attempts, WS4 never started. Step time 135 s over 120 s of wall time.
 */
export function failedRunSnapshot(): ExportSnapshot {
  const plan = planOf([billingSpec]);
  return {
    exportedAt: at(300),
    run: {
      id: "run_b1",
      status: "failed",
      mode: "waves",
      currentWave: 1,
      startedBy: "pm@example.com",
      createdAt: at(-5),
      startedAt: at(0),
      finishedAt: at(120),
      error: "WS3 failed: the agent exited with 1",
    },
    spec: { id: "spec_b1", name: "EXEC-SPEC-B.md", format: "exec-spec", files: [billingSpec], plan },
    waves: [
      { index: 0, name: "Phase 1", status: "passed", gates: [], startedAt: at(0), finishedAt: at(30) },
      {
        index: 1,
        name: "Phase 2",
        status: "failed",
        gates: ["type-check"],
        startedAt: at(60),
        finishedAt: at(120),
      },
      {
        index: 2,
        name: "Phase 3",
        status: "pending",
        gates: ["lint", "test-pass"],
        startedAt: null,
        finishedAt: null,
      },
    ],
    stories: [
      story(plan, "WS1", 0, {
        status: "succeeded",
        startedAt: at(0),
        finishedAt: at(30),
        steps: [
          step({
            kind: "implement",
            position: 0,
            status: "succeeded",
            attempts: 1,
            startedAt: at(0),
            finishedAt: at(30),
            result: { summary: "schema", files: ["src/schema.ts"], commit: "a1a1a1a", durationMs: 30000 },
          }),
        ],
      }),
      story(plan, "WS2", 1, {
        status: "succeeded",
        startedAt: at(60),
        finishedAt: at(120),
        item: {
          ...plan.items[1],
          acceptanceCriteria: [
            { text: "Sends one email per invoice", done: true },
            { text: "Retries on failure", done: true },
          ],
        } as ExportStory["item"],
        steps: [
          step({
            kind: "test_author",
            position: 0,
            status: "succeeded",
            attempts: 1,
            startedAt: at(60),
            finishedAt: at(80),
            result: { files: ["src/service.test.ts"], commit: "b2b2b2b" },
          }),
          step({
            kind: "implement",
            position: 1,
            status: "succeeded",
            attempts: 1,
            startedAt: at(80),
            finishedAt: at(120),
            result: {
              files: ["src/service.ts", "src/service.test.ts"],
              commit: "c3c3c3c",
              evidence: {
                tests: {
                  tests: 5,
                  passed: 5,
                  failed: 0,
                  skipped: 0,
                  cases: [{ name: "sends", file: "src/service.test.ts", status: "passed" }],
                },
              },
            },
          }),
        ],
      }),
      story(plan, "WS3", 1, {
        status: "failed",
        startedAt: at(60),
        finishedAt: at(105),
        error: "the agent exited with 1: type error in src/emails.ts:4",
        steps: [
          step({
            kind: "implement",
            position: 0,
            status: "failed",
            attempts: 2,
            startedAt: at(60),
            finishedAt: at(105),
            error: "the agent exited with 1: type error in src/emails.ts:4",
          }),
        ],
      }),
      story(plan, "WS4", 2, {
        status: "pending",
        steps: [step({ kind: "implement", position: 0, status: "pending" })],
      }),
    ],
    approvals: [
      { waveIndex: 0, decision: "continue", decidedBy: "pm@example.com", comment: null, at: at(45) },
    ],
    gates: [
      {
        waveIndex: 1,
        scope: "wave",
        name: "type-check",
        status: "failed",
        command: "npm run type-check",
        exitCode: 2,
        durationMs: 4000,
        at: at(118),
      },
    ],
  };
}

/** The task-list spec, mid-run: task 1 done, task 2 running, task 3 done in the spec itself. */
export function runningTaskListSnapshot(): ExportSnapshot {
  const plan = planOf([taskListSpec]);
  return {
    exportedAt: at(90),
    run: {
      id: "run_t1",
      status: "running",
      mode: "waves",
      currentWave: 1,
      startedBy: null,
      createdAt: at(0),
      startedAt: at(0),
      finishedAt: null,
      error: null,
    },
    spec: { id: "spec_t1", name: "tasks.md", format: "task-list", files: [taskListSpec], plan },
    waves: [
      { index: 0, name: "Wave 1", status: "passed", gates: [], startedAt: at(0), finishedAt: at(40) },
      { index: 1, name: "Wave 2", status: "running", gates: [], startedAt: at(50), finishedAt: null },
    ],
    stories: [
      story(plan, "1", 0, {
        status: "succeeded",
        startedAt: at(0),
        finishedAt: at(40),
        steps: [
          step({
            kind: "implement",
            position: 0,
            status: "succeeded",
            attempts: 1,
            startedAt: at(0),
            finishedAt: at(40),
            result: { files: ["src/schema.ts"], commit: "d4d4d4d" },
          }),
        ],
      }),
      story(plan, "2", 1, {
        status: "running",
        startedAt: at(50),
        steps: [step({ kind: "implement", position: 0, status: "running", attempts: 1, startedAt: at(50) })],
      }),
      story(plan, "3", 0, {
        status: "succeeded",
        steps: [step({ kind: "implement", position: 0, status: "skipped" })],
      }),
    ],
    approvals: [],
    gates: [],
  };
}

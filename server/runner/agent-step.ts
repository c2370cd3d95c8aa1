import type { AgentAdapter, AgentItem, AgentRole } from "../agents/types";
import type { ClaimedStep, StepOutcome } from "../engine/step-lifecycle";
import type { PlanItem } from "../planning";

const roles: Record<string, AgentRole> = {
  test_author: "test-author",
  implement: "implementer",
  review_spec: "reviewer-spec",
  review_quality: "reviewer-quality",
};

export function roleForStep(kind: string): AgentRole {
  const role = roles[kind];
  if (!role) throw new Error(`no agent role runs ${kind} steps`);
  return role;
}

const riskyWork =
  /\b(auth\w*|security|secur\w+|payments?|billing|migrations?|concurren\w+|locking|race conditions?)\b/i;

/** The item as an agent sees it. Complex items, and ones touching risky areas, get the complex model. */
export function toAgentItem(item: PlanItem): AgentItem {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    acceptanceCriteria: item.acceptanceCriteria.map((criterion) => criterion.text),
    outputs: item.outputs,
    requirements: item.requirements ?? [],
    constraints: [],
    complex:
      /^(complex|high|large|l|xl)$/i.test(item.complexity ?? "") ||
      riskyWork.test(`${item.title}\n${item.body}`),
  };
}

/** The test file the story's tester wrote, if it had one. */
export function testFileOf(step: ClaimedStep): string | undefined {
  const tester = step.earlier.find((earlier) => earlier.kind === "test_author");
  return ((tester?.result?.files as string[] | undefined) ?? []).find((file) => /test/.test(file));
}

/** Runs the role's agent in the workspace. What it claims is recorded; verification decides. */
export async function runAgentStep(
  step: ClaimedStep,
  agent: AgentAdapter,
  signal: AbortSignal,
  onOutput: (chunk: string) => void,
): Promise<StepOutcome> {
  const result = await agent.run({
    runId: step.runId,
    storyId: step.storyId,
    stepId: step.id,
    attempt: step.attempt,
    role: roleForStep(step.kind),
    item: toAgentItem(step.item),
    testFile: testFileOf(step),
    workspaceDir: step.workspacePath,
    signal,
    onOutput,
  });
  const summary = {
    summary: result.summary,
    files: result.claimedFiles,
    claimedDone: result.claimedDone,
    durationMs: result.durationMs,
  };
  if (result.cancelled) return { ok: false, error: "the step was cancelled", result: summary };
  if (result.timedOut) return { ok: false, error: "the agent timed out", result: summary };
  if (result.exitCode !== 0) {
    return {
      ok: false,
      error: `the agent exited with ${result.exitCode}: ${result.summary}`,
      result: summary,
    };
  }
  return { ok: true, result: summary };
}

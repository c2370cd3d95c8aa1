import fs from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { demoFilesFor, outputPaths } from "../agents/demo";
import type { ClaimedStep, StepOutcome } from "../engine/step-lifecycle";
import {
  changedLinesCoverage,
  collectEvidence,
  type Evidence,
  judgeEvidence,
  parseUnifiedDiff,
} from "../evidence";
import { readProjectConfig } from "../projects/project-config";
import type { ItemWorktree } from "../workspace";
import { testFileOf } from "./agent-step";
import { gitWorkspaces, type RunWorkspace } from "./item-workspace";

/** What the dashboard, the approval prompt and the exports read from a verified item. */
export function summariseEvidence(
  evidence: Evidence,
  commit: string | null,
  files: string[],
  testFile?: string,
  changedLines?: number | null,
) {
  const pct = (metric: { pct: number } | undefined) => (metric ? metric.pct : null);
  return {
    testFile: testFile ?? null,
    tests: evidence.tests
      ? {
          total: evidence.tests.tests,
          passed: evidence.tests.passed,
          failed: evidence.tests.failed,
          skipped: evidence.tests.skipped,
        }
      : null,
    coverage: evidence.coverage
      ? {
          lines: pct(evidence.coverage.lines),
          branches: pct(evidence.coverage.branches),
          functions: pct(evidence.coverage.functions),
          changedLines: changedLines ?? null,
        }
      : null,
    outputs: {
      present: evidence.outputs.filter((o) => o.status === "present").map((o) => o.path),
      missing: evidence.outputs.filter((o) => o.status !== "present").map((o) => o.path),
    },
    exitCode: evidence.exitCode,
    durationMs: evidence.durationMs,
    outputTail: evidence.outputTail.slice(-4000),
    commit,
    files,
  };
}

/**
 * Verification: runs the item's tests in the workspace, parses the reports they wrote, checks
 * the expected files, and commits the item's files as one commit when the tests passed. The item
 * is done only on that evidence, never on what an agent said.
 */
export async function runVerifyStep(
  step: ClaimedStep,
  workspace: RunWorkspace & { worktree: ItemWorktree },
  signal: AbortSignal,
): Promise<StepOutcome> {
  const config = readProjectConfig(step.projectConfig);
  const files = [
    ...new Set(step.earlier.flatMap((earlier) => (earlier.result?.files as string[] | undefined) ?? [])),
  ];
  const testFile =
    testFileOf(step) ??
    files.find((file) => /(^|\/)test\/|\.test\./.test(file)) ??
    demoFilesFor(step.item).test;
  const reportDir = `.specwave-reports/${demoFilesFor(step.item).slug}`;
  await fs.rm(path.join(step.workspacePath, reportDir), { recursive: true, force: true });
  await fs.mkdir(path.join(step.workspacePath, reportDir), { recursive: true });
  const fill = (arg: string) => arg.replaceAll("{testFile}", testFile).replaceAll("{reportDir}", reportDir);

  const evidence = await collectEvidence({
    workspaceDir: step.workspacePath,
    testCommand: { command: config.testCommand.command, args: config.testCommand.args.map(fill) },
    reportPaths: [reportDir],
    expectedOutputs: outputPaths(step.item.outputs),
    claimedFiles: files,
    timeoutMs: config.testCommand.timeoutSeconds * 1000,
    signal,
  });
  const testsPassed =
    evidence.exitCode === 0 && !!evidence.tests && evidence.tests.tests > 0 && evidence.tests.failed === 0;
  const git = gitWorkspaces();
  const title = step.item.title.replace(/\s+/g, " ").trim();
  let commit: string | null = null;
  if (testsPassed && files.length > 0) {
    const committed = await git.commitItem(step.workspacePath, {
      type: "feat",
      spec: step.specName,
      itemId: step.storyKey,
      title,
      files,
    });
    commit = committed.ok ? committed.sha : null;
  }
  const verdict = judgeEvidence(evidence, { commit, claimedFiles: files });
  const changed =
    commit && evidence.coverage ? await changedLinesPct(step.workspacePath, commit, evidence) : null;
  const result = { evidence: summariseEvidence(evidence, commit, files, testFile, changed), files, commit };
  if (!verdict.done) return { ok: false, error: verdict.reasons.join(" "), result, log: evidence.outputTail };
  // Verified: the item's branch goes into the run branch; a conflict fails the item with its files.
  const merged = await git.mergeItem(workspace.repo, workspace.runBranch, workspace.worktree.branch);
  if (!merged.ok) {
    return {
      ok: false,
      error: `Merging ${step.storyKey} into ${workspace.runBranch} conflicts in ${merged.files.join(", ")}: resolve them in the item's worktree (${step.workspacePath}), then retry the item.`,
      result: { ...result, conflict: merged.files },
    };
  }
  return { ok: true, result: { ...result, merged: merged.sha } };
}

/** Coverage of the lines the item's commit changed, from the commit's own diff. */
async function changedLinesPct(worktree: string, commit: string, evidence: Evidence): Promise<number | null> {
  const diff = await execa("git", ["show", "--format=", "--unified=0", "--no-color", commit], {
    cwd: worktree,
    reject: false,
  });
  if (diff.exitCode !== 0 || !evidence.coverage) return null;
  const changed = parseUnifiedDiff(diff.stdout);
  if (!changed.ok) return null;
  const measured = changedLinesCoverage(evidence.coverage, changed.value);
  return measured.total > 0 ? measured.pct : null;
}

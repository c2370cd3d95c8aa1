import type { Evidence } from "./collect";
import { normaliseSourcePath } from "./coverage-totals";

export interface JudgeOptions {
  /** Files the agent says it wrote; defaults to those `collectEvidence` was asked to check. */
  claimedFiles?: readonly string[];
  /** The item's commit; an item without one is never done. */
  commit: string | null | undefined;
  /** Files the item's commit changed (`git diff --name-only`); when given, every claimed file must be among them. */
  changedFiles?: readonly string[];
}

export type Verdict = { done: true } | { done: false; reasons: string[] };

const LISTED_FAILURES = 5;
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;

/**
 * Decides whether an item is done from evidence alone. What the agent said about itself counts for
 * nothing: exit code 0 with failing tests, or a claimed file that is not there, is a failed item.
 * Every reason is written for the PM reading the approval prompt, not for a log parser.
 */
export function judgeEvidence(evidence: Evidence, options: JudgeOptions): Verdict {
  const reasons = [...testRunReasons(evidence), ...fileReasons(evidence, options)];
  const commit = options.commit?.trim();
  if (!commit) reasons.push("No commit was recorded for this item, so there is no saved change to approve.");
  else if (!COMMIT_ID.test(commit)) reasons.push(`"${commit}" is not a git commit id.`);
  return reasons.length === 0 ? { done: true } : { done: false, reasons };
}

function testRunReasons(evidence: Evidence): string[] {
  const reasons: string[] = [];
  const command = [evidence.command.command, ...evidence.command.args].join(" ");
  if (evidence.spawnError) {
    reasons.push(`The test command \`${command}\` could not be started: ${evidence.spawnError}`);
    return reasons;
  }
  if (evidence.cancelled) reasons.push("Verification was cancelled before the tests finished.");
  if (evidence.timedOut) {
    reasons.push(
      `The tests did not finish in time (stopped after ${Math.round(evidence.durationMs / 1000)} s).`,
    );
  } else if (evidence.signal) {
    reasons.push(`The test command was killed (${evidence.signal}) before it finished.`);
  } else if (evidence.exitCode !== 0) {
    reasons.push(
      `The test command \`${command}\` exited with code ${evidence.exitCode ?? "unknown"}, not 0.`,
    );
  }

  const tests = evidence.tests;
  if (!tests || tests.tests === 0) {
    reasons.push(
      "No tests ran: the test command produced no test results (no JUnit report and no test runner summary).",
    );
    return reasons;
  }
  const failedCases = tests.cases.filter((c) => c.status === "failed");
  const failed = Math.max(tests.failed, failedCases.length);
  if (failed > 0) {
    const named = failedCases
      .slice(0, LISTED_FAILURES)
      .map((c) => (c.message ? `"${c.name}" (${c.message})` : `"${c.name}"`));
    const more =
      failedCases.length > LISTED_FAILURES ? `, and ${failedCases.length - LISTED_FAILURES} more` : "";
    const list = named.length > 0 ? `: ${named.join("; ")}${more}` : "";
    reasons.push(`${failed} of ${tests.tests} tests failed${list}.`);
  } else if (tests.passed === 0) {
    reasons.push(`None of the ${tests.tests} tests passed (all were skipped), so nothing was verified.`);
  }
  return reasons;
}

function fileReasons(evidence: Evidence, options: JudgeOptions): string[] {
  const reasons: string[] = [];
  for (const output of evidence.outputs) {
    if (output.status === "missing") reasons.push(`Expected output "${output.path}" does not exist.`);
    if (output.status === "rejected") {
      reasons.push(`Expected output "${output.path}" cannot be accepted: ${output.reason ?? "unsafe path"}.`);
    }
  }

  const claimed = options.claimedFiles ?? evidence.claimedFiles.map((c) => c.path);
  // "./src/a.ts" and "src/a.ts" are the same claim.
  const checks = new Map(evidence.claimedFiles.map((c) => [normaliseSourcePath(c.path), c]));
  const changed = options.changedFiles
    ? new Set(options.changedFiles.map((f) => normaliseSourcePath(f)))
    : undefined;
  for (const file of claimed) {
    const check = checks.get(normaliseSourcePath(file));
    if (!check) {
      // Fail closed: a claim nobody looked at is not evidence.
      reasons.push(`The agent says it wrote "${file}", but that file was not checked.`);
    } else if (check.status === "missing") {
      reasons.push(`The agent says it wrote "${file}", but the file does not exist.`);
    } else if (check.status === "rejected") {
      reasons.push(
        `The agent says it wrote "${file}", but the path cannot be accepted: ${check.reason ?? "unsafe"}.`,
      );
    } else if (changed && !changed.has(normaliseSourcePath(file))) {
      reasons.push(`The agent says it wrote "${file}", but the item's commit does not change it.`);
    }
  }
  return reasons;
}

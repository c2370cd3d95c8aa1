import type { ExportSnapshot, ExportStory } from "./snapshot";
import { storyFacts, translate } from "./step-facts";

/**
 * The run result of the TDD execution-phase skill: `totalWaves`, the completed / failed /
 * remaining story ids, and one result per story. Fields no step reported are null: a result that
 * says `testsPassed: null` means nothing ran tests, never that they passed.
 */
export interface RunResult {
  runId: string;
  status: ExportSnapshot["run"]["status"];
  totalWaves: number;
  totalStories: number;
  storiesCompleted: string[];
  storiesFailed: string[];
  /** Not final yet: pending, queued, running or waiting for a person. */
  storiesRemaining: string[];
  /** A person skipped them; neither done nor remaining. */
  storiesSkipped: string[];
  results: StoryResult[];
  /** Sums over stories whose evidence carries test counts; null when none does. */
  totalTestsCovered: number | null;
  totalTestsPassed: number | null;
}

export interface StoryResult {
  storyId: string;
  title: string;
  /** 1-based, as the skill numbers waves. */
  wave: number;
  status: ExportStory["status"];
  testerAgent: string | null;
  testFile: string | null;
  /** True when the evidence ran at least one test and none failed. */
  testsPassed: boolean | null;
  tests: { tests: number; passed: number; failed: number; skipped: number } | null;
  /** Percent covered, from the evidence; null when no coverage report was produced. */
  coverage: { lines: number | null; branches: number | null; functions: number | null } | null;
  implAgent: string;
  implStatus: string | null;
  filesModified: string[] | null;
  commit: string | null;
  acChecklistComplete: boolean | null;
  /** The verify step's outcome; null when the pipeline has no verify step or it has not finished. */
  verifiedProduction: boolean | null;
  error: string | null;
}

const implStatus: Record<string, string> = {
  succeeded: "success",
  failed: "failed",
  skipped: "skipped",
  running: "running",
  queued: "queued",
  pending: "pending",
};

export function toRunResult(snapshot: ExportSnapshot): RunResult {
  const { stories } = snapshot;
  const keys = (...statuses: ExportStory["status"][]) =>
    stories.filter((story) => statuses.includes(story.status)).map((story) => story.key);
  const results = stories.map(toStoryResult);
  const counted = results.filter((result) => result.tests !== null);
  const sum = (pick: (tests: NonNullable<StoryResult["tests"]>) => number) =>
    counted.length === 0 ? null : counted.reduce((total, result) => total + pick(result.tests ?? zero), 0);
  return {
    runId: snapshot.run.id,
    status: snapshot.run.status,
    totalWaves: snapshot.waves.length,
    totalStories: stories.length,
    storiesCompleted: keys("succeeded"),
    storiesFailed: keys("failed"),
    storiesRemaining: stories.filter((story) => !FINAL.has(story.status)).map((story) => story.key),
    storiesSkipped: keys("skipped"),
    results,
    totalTestsCovered: sum((tests) => tests.tests),
    totalTestsPassed: sum((tests) => tests.passed),
  };
}

/** Story statuses that are final; anything else (pending, queued, running, waiting) is remaining. */
const FINAL = new Set<string>(["succeeded", "failed", "skipped"]);

const zero = { tests: 0, passed: 0, failed: 0, skipped: 0 };

function toStoryResult(story: ExportStory): StoryResult {
  const facts = storyFacts(story);
  const tester = story.steps.find((step) => step.kind === "test_author");
  const implement = story.steps.find((step) => step.kind === "implement");
  const verify = story.steps.find((step) => step.kind === "verify");
  return {
    storyId: story.key,
    title: story.title,
    wave: story.waveIndex + 1,
    status: story.status,
    // Steps record their kind, not a named agent: the tester is the test-author role.
    testerAgent: tester ? "test-author" : null,
    testFile: facts.testFile,
    testsPassed: facts.tests ? facts.tests.tests > 0 && facts.tests.failed === 0 : null,
    tests: facts.tests,
    coverage: facts.coverage,
    implAgent: story.role,
    implStatus: implement ? translate(implStatus, implement.status) : null,
    filesModified: facts.filesModified,
    commit: facts.commit,
    acChecklistComplete: facts.acChecklistComplete,
    verifiedProduction: verify?.status === "succeeded" ? true : verify?.status === "failed" ? false : null,
    error: story.error,
  };
}

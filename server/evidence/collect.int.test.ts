import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { afterEach, describe, expect, it } from "vitest";
import { collectEvidence } from "./collect";
import {
  BIN_DIR,
  createSampleProject,
  MATH_SOURCE,
  NODE_TESTS,
  NODE_TESTS_PASSING,
  type SampleProject,
  TOOL_ENV,
} from "./fixtures/sample-project";
import { judgeEvidence } from "./judge";

const COMMIT = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const projects: SampleProject[] = [];

async function project(files: Record<string, string>): Promise<SampleProject> {
  const p = await createSampleProject(files);
  projects.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.remove()));
});

const FAKE_GREEN_JUNIT = `<?xml version="1.0"?>
<testsuites><testsuite name="feature" tests="3">
  <testcase name="a"/><testcase name="b"/><testcase name="c"/>
</testsuite></testsuites>
`;

/** Stands in for a coding agent that says it is done: exit 0, a cheerful summary, a forged report. */
const LYING_AGENT = `import { mkdirSync, writeFileSync } from "node:fs";
mkdirSync("reports", { recursive: true });
writeFileSync("reports/junit.xml", ${JSON.stringify(FAKE_GREEN_JUNIT)});
console.log(JSON.stringify({ done: true, summary: "Implemented the feature, all tests pass", files: ["src/feature.mjs"] }));
`;

describe("collectEvidence and judgeEvidence on real runs", () => {
  it("an honest run: fresh JUnit report, coverage, outputs present, done", async () => {
    const p = await project({ "src/math.mjs": MATH_SOURCE, "test/math.test.mjs": NODE_TESTS_PASSING });
    // Left over from an earlier, failing attempt: the new run must replace it, not be judged by it.
    await p.write(
      "junit.xml",
      '<testsuites><testsuite name="old"><testcase name="x"><failure/></testcase></testsuite></testsuites>',
    );
    const evidence = await collectEvidence({
      workspaceDir: p.dir,
      testCommand: {
        command: path.join(BIN_DIR, "c8"),
        args: [
          "--reporter=json",
          "--reporter=json-summary",
          "--reports-dir=coverage",
          "--include=src/**",
          "node",
          "--test",
          "--test-reporter=tap",
          "--test-reporter-destination=stdout",
          "--test-reporter=junit",
          "--test-reporter-destination=junit.xml",
          "test/",
        ],
      },
      expectedOutputs: ["src/math.mjs", "test/math.test.mjs"],
      claimedFiles: ["src/math.mjs"],
      changedLines: { "src/math.mjs": [5, 6] },
      timeoutMs: 60_000,
      env: TOOL_ENV,
    });
    expect(evidence).toMatchObject({
      exitCode: 0,
      timedOut: false,
      spawnError: null,
      testsSource: ["junit.xml"],
    });
    expect(evidence.tests).toMatchObject({ format: "junit", tests: 2, passed: 2, failed: 0 });
    expect(evidence.coverage?.format).toBe("istanbul-final");
    expect(evidence.coverageSource).toBe("coverage/coverage-final.json");
    expect(evidence.coverage?.functions).toEqual({ covered: 2, total: 3, pct: 66.66 });
    expect(evidence.reports).toContainEqual({
      path: "coverage/coverage-summary.json",
      status: "parsed",
      format: "istanbul-summary",
    });
    // Default locations the run did not write are not listed as missing: they were only guesses.
    expect(evidence.reports.filter((r) => r.status === "missing")).toEqual([]);
    // Line 5 (positive sign) is tested; line 6 (negative sign) is not.
    expect(evidence.changedLinesCoverage).toMatchObject({ covered: 1, total: 2, pct: 50 });
    expect(evidence.outputTail).toContain("# pass 2");
    expect(judgeEvidence(evidence, { commit: COMMIT })).toEqual({ done: true });
  });

  it("a lying agent: exit 0 and a forged green report, but the tests fail and its file does not exist", async () => {
    const p = await project({
      "src/math.mjs": MATH_SOURCE,
      "test/math.test.mjs": NODE_TESTS,
      "agent.mjs": LYING_AGENT,
    });
    const agent = await execa("node", ["agent.mjs"], { cwd: p.dir, env: TOOL_ENV, extendEnv: false });
    expect(agent.exitCode).toBe(0);
    const claim = JSON.parse(agent.stdout) as { done: boolean; files: string[] };
    expect(claim.done).toBe(true);

    const evidence = await collectEvidence({
      workspaceDir: p.dir,
      testCommand: { command: "node", args: ["--test", "--test-reporter=tap", "test/"] },
      reportPaths: ["reports/junit.xml"],
      expectedOutputs: ["src/feature.mjs"],
      claimedFiles: claim.files,
      timeoutMs: 60_000,
      env: TOOL_ENV,
    });
    // The forged report was there before the tests ran and they did not touch it: not evidence.
    expect(evidence.reports).toEqual([{ path: "reports/junit.xml", status: "stale" }]);
    expect(evidence.testsSource).toEqual(["output"]);
    expect(evidence.tests).toMatchObject({ format: "node-tap", tests: 4, passed: 2, failed: 1 });

    const verdict = judgeEvidence(evidence, { commit: COMMIT, claimedFiles: claim.files });
    expect(verdict.done).toBe(false);
    if (verdict.done) return;
    expect(verdict.reasons).toEqual([
      "The test command `node --test --test-reporter=tap test/` exited with code 1, not 0.",
      expect.stringMatching(/^1 of 4 tests failed: "fails on purpose" \(.*2 !== 3.*\)\.$/),
      'Expected output "src/feature.mjs" does not exist.',
      'The agent says it wrote "src/feature.mjs", but the file does not exist.',
    ]);
  });

  it("reads the spec reporter's summary when there is no report file", async () => {
    const p = await project({ "src/math.mjs": MATH_SOURCE, "test/math.test.mjs": NODE_TESTS_PASSING });
    const evidence = await collectEvidence({
      workspaceDir: p.dir,
      testCommand: { command: "node", args: ["--test", "--test-reporter=spec", "test/"] },
      reportPaths: [],
      expectedOutputs: [],
      timeoutMs: 60_000,
      env: TOOL_ENV,
    });
    expect(evidence.tests).toMatchObject({ format: "node-spec", tests: 2, passed: 2, failed: 0 });
    expect(judgeEvidence(evidence, { commit: COMMIT })).toEqual({ done: true });
  });

  it("stops a run that outlives its timeout, including the processes it spawned", async () => {
    const p = await project({
      "hang.mjs": `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
writeFileSync("child.pid", String(child.pid));
console.log("# tests 1");
setInterval(() => {}, 1000);
`,
    });
    const evidence = await collectEvidence({
      workspaceDir: p.dir,
      testCommand: { command: "node", args: ["hang.mjs"] },
      reportPaths: [],
      expectedOutputs: [],
      timeoutMs: 1_000,
      env: TOOL_ENV,
    });
    expect(evidence.timedOut).toBe(true);
    expect(evidence.exitCode).toBeNull();
    const childPid = Number(await readFile(path.join(p.dir, "child.pid"), "utf8"));
    expect(await gone(childPid)).toBe(true);
    const verdict = judgeEvidence(evidence, { commit: COMMIT });
    expect(verdict).toMatchObject({
      done: false,
      reasons: [expect.stringMatching(/^The tests did not finish in time/), expect.any(String)],
    });
  });

  it("reports a test command that cannot start instead of throwing", async () => {
    const p = await project({});
    const evidence = await collectEvidence({
      workspaceDir: p.dir,
      testCommand: { command: "specwave-no-such-test-runner", args: [] },
      reportPaths: [],
      expectedOutputs: [],
      timeoutMs: 10_000,
      env: TOOL_ENV,
    });
    expect(evidence.exitCode).toBeNull();
    expect(evidence.spawnError).toContain("ENOENT");
    expect(judgeEvidence(evidence, { commit: COMMIT })).toMatchObject({
      done: false,
      // One reason, not a pile: nothing else can be said about a run that never started.
      reasons: [expect.stringContaining("could not be started")],
    });
  });

  it("never reads or vouches for files outside the workspace", async () => {
    const p = await project({ "src/math.mjs": MATH_SOURCE, "test/math.test.mjs": NODE_TESTS_PASSING });
    const outside = await project({ "junit.xml": FAKE_GREEN_JUNIT, "feature.mjs": "export {};\n" });
    await symlink(path.join(outside.dir, "junit.xml"), path.join(p.dir, "junit.xml"));
    await symlink(path.join(outside.dir, "feature.mjs"), path.join(p.dir, "feature.mjs"));
    await writeFile(path.join(p.dir, "inside.mjs"), "export {};\n");
    await mkdir(path.join(p.dir, "surefire"));
    await symlink(path.join(outside.dir, "junit.xml"), path.join(p.dir, "surefire", "TEST-forged.xml"));
    const evidence = await collectEvidence({
      workspaceDir: p.dir,
      testCommand: { command: "node", args: ["--test", "--test-reporter=tap", "test/"] },
      reportPaths: ["junit.xml", "../junit.xml", "surefire"],
      expectedOutputs: ["feature.mjs", `${outside.dir}/feature.mjs`, "../feature.mjs", "inside.mjs"],
      timeoutMs: 60_000,
      env: TOOL_ENV,
    });
    expect(evidence.reports.map((r) => [r.path, r.status, r.error?.code])).toEqual([
      ["junit.xml", "error", "outside_workspace"],
      ["../junit.xml", "error", "outside_workspace"],
      ["surefire/TEST-forged.xml", "error", "outside_workspace"],
    ]);
    expect(evidence.outputs.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected", "present"]);
    expect(evidence.tests).toMatchObject({ format: "node-tap", tests: 2, passed: 2 });
  });
});

/** Polls until the process no longer exists (orphans are reaped by init shortly after they die). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

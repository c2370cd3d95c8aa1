import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { TOOL_ENV } from "./fixtures/sample-project";
import { runTestCommand } from "./test-command";

describe("runTestCommand", () => {
  // stdout only: the order of stdout and stderr chunks in the merged stream is not guaranteed.
  it("keeps the end of long output, where runners print their summary", async () => {
    const script = "for (let i = 0; i < 5000; i++) console.log('line ' + i); console.log('# tests 1');";
    const run = await runTestCommand(
      { command: "node", args: ["-e", script] },
      { cwd: tmpdir(), timeoutMs: 30_000, env: TOOL_ENV, captureChars: 1_000 },
    );
    expect(run).toMatchObject({ exitCode: 0, timedOut: false, outputTruncated: true });
    expect(run.output.length).toBeLessThanOrEqual(1_000);
    expect(run.output).toContain("line 4999");
    expect(run.output.trimEnd().endsWith("# tests 1")).toBe(true);
  });

  it("gives the command only the environment it was handed", async () => {
    const run = await runTestCommand(
      { command: "node", args: ["-e", "console.log(Object.keys(process.env).sort().join(','))"] },
      { cwd: tmpdir(), timeoutMs: 30_000, env: { PATH: TOOL_ENV.PATH ?? "", SPECWAVE_PROBE: "1" } },
    );
    expect(run.output.trim()).toBe("PATH,SPECWAVE_PROBE");
  });

  it("passes arguments through untouched, with no shell to interpret them", async () => {
    const run = await runTestCommand(
      { command: "node", args: ["-e", "console.log(process.argv[1])", "$(touch pwned); echo *"] },
      { cwd: tmpdir(), timeoutMs: 30_000, env: TOOL_ENV },
    );
    expect(run.output.trim()).toBe("$(touch pwned); echo *");
  });

  it("kills a runner that ignores SIGTERM once the grace period is over", async () => {
    const run = await runTestCommand(
      { command: "node", args: ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"] },
      { cwd: tmpdir(), timeoutMs: 300, env: TOOL_ENV },
    );
    expect(run).toMatchObject({ timedOut: true, exitCode: null, signal: "SIGKILL" });
  });

  it("returns a spawn error for input execa refuses, instead of throwing", async () => {
    const run = await runTestCommand(
      { command: "node", args: ["a\0b"] },
      { cwd: tmpdir(), timeoutMs: 30_000, env: TOOL_ENV },
    );
    expect(run).toMatchObject({ exitCode: null, spawnError: expect.stringContaining("null bytes") });
  });

  it("reports cancellation", async () => {
    const controller = new AbortController();
    const pending = runTestCommand(
      { command: "node", args: ["-e", "setInterval(() => {}, 1000)"] },
      { cwd: tmpdir(), timeoutMs: 30_000, env: TOOL_ENV, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 200);
    const run = await pending;
    expect(run).toMatchObject({ cancelled: true, timedOut: false, exitCode: null, signal: "SIGTERM" });
  });
});

import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io";
import { main } from "./main";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

function captureIo(cwd = REPO): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd,
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  return io;
}

const CYCLE = [
  "---",
  "workstreams:",
  "  WS1: { name: A, agent: dev, depends_on: [WS2] }",
  "  WS2: { name: B, agent: dev, depends_on: [WS1] }",
  "---",
  "# Cycle",
].join("\n");

describe("specwave plan (in-process)", () => {
  it("prints the waves as a table and exits 0", async () => {
    const io = captureIo();
    expect(await main(["plan", "examples/specs/exec-spec-demo.md"], io)).toBe(0);
    expect(io.out).toContain("EXEC-SPEC-DEMO: Team Invitations (exec-spec, 5 items, 3 waves)");
    expect(io.out).toMatch(/^2\s+Services and templates\s+WS2, WS3\s+type-check, lint$/m);
    expect(io.out).toContain("Critical path: WS1 → WS2 → WS4");
    expect(io.err).toBe("");
  });

  it("reads a folder as one upload and honours --batch-size", async () => {
    const io = captureIo();
    expect(await main(["plan", "examples/specs/story-set", "--batch-size", "1"], io)).toBe(0);
    expect(io.out).toContain("(story-set, 3 items, 3 waves)");
    expect(io.out).toContain("US-001 ✓");
  });

  it("applies a dependency the spec suggests with --accept, and refuses one it does not suggest", async () => {
    const io = captureIo();
    const args = ["plan", "examples/specs/spec-kit-tasks.md", "--accept", "T008:T007"];
    expect(await main(args, io)).toBe(0);
    expect(io.out).toContain("Accepted: T008 depends on T007\n");
    const json = captureIo();
    expect(await main([...args, "--json"], json)).toBe(0);
    const plan = JSON.parse(json.out);
    expect(plan.items.find((item: { id: string }) => item.id === "T008").dependsOn).toContain("T007");
    expect(plan.acceptedDependencies).toEqual([{ item: "T008", dependsOn: "T007" }]);

    const refused = captureIo();
    expect(await main(["plan", "examples/specs/spec-kit-tasks.md", "--accept", "T007:T008"], refused)).toBe(
      1,
    );
    expect(refused.err).toMatch(
      /spec-kit-tasks\.md:\d+: error accepted_dependency_not_suggested: "T007 depends on T008"/,
    );
    expect(await main(["plan", "examples/specs/spec-kit-tasks.md", "--accept", "T007"], captureIo())).toBe(2);
  });

  it("prints the plan as JSON with --json", async () => {
    const io = captureIo();
    expect(await main(["plan", "--json", "examples/specs/spec-kit-tasks.md"], io)).toBe(0);
    const plan = JSON.parse(io.out);
    expect(plan.format).toBe("spec-kit");
    expect(plan.waves).toHaveLength(6);
  });

  it("uses --format over detection", async () => {
    const io = captureIo();
    expect(
      await main(["plan", "--json", "--format", "freeform", "examples/specs/spec-kit-tasks.md"], io),
    ).toBe(0);
    expect(JSON.parse(io.out).analysisRequired).toBe(true);
  });

  it("prints errors with file and line and exits 2 (an input error)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "specwave-plan-"));
    writeFileSync(join(dir, "cycle.md"), CYCLE);
    const io = captureIo(dir);
    expect(await main(["plan", "cycle.md"], io)).toBe(1);
    expect(io.err).toBe(
      "cycle.md:3: error dependency_cycle: These items depend on each other in a circle, so none can start: WS1 → WS2 → WS1.\n",
    );
    const json = captureIo(dir);
    expect(await main(["plan", "--json", "cycle.md"], json)).toBe(1);
    expect(JSON.parse(json.out).errors[0].code).toBe("dependency_cycle");
  });

  it("exits 2 for a missing file or a bad option", async () => {
    const missing = captureIo();
    expect(await main(["plan", "no-such-spec.md"], missing)).toBe(2);
    expect(missing.err).toContain("cannot read");
    const bad = captureIo();
    expect(await main(["plan", "--format", "word", "x.md"], bad)).toBe(2);
    expect(bad.err).toContain("Allowed choices are exec-spec");
  });
});

describe("the specwave bin", () => {
  it("runs as a real process", async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, ["bin/specwave.mjs", "plan", "examples/specs/layered-tasks.md"], {
      cwd: REPO,
    });
    expect(ok.stdout).toContain("(layered-tasks, 13 items, 9 waves)");
    const failed = await run(
      process.execPath,
      ["bin/specwave.mjs", "plan", "../shared/specs/real/MANIFEST.md", "--format", "spec-kit"],
      {
        cwd: REPO,
      },
    ).catch((err: { code: number; stderr: string }) => err);
    expect("code" in failed && failed.code).toBe(1);
    expect("stderr" in failed && failed.stderr).toContain("empty_spec");
  });
});

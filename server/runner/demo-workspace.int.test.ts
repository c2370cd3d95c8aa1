import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { demoRepositoryComplete, ensureDemoRepository } from "./demo-workspace";

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("the demo workspace", () => {
  it("counts as set up only with every file and its first commit, and is set up again when a file goes", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "specwave-demo-"));
    made.push(parent);
    const dir = path.join(parent, "workspaces", "demo");
    expect(demoRepositoryComplete(dir)).toBe(false);
    // A repository without its commit (another process half-way through setting it up) is not done.
    await execa("git", ["init", "-q", "-b", "main", dir]);
    expect(demoRepositoryComplete(dir)).toBe(false);

    await ensureDemoRepository(dir);
    expect(demoRepositoryComplete(dir)).toBe(true);
    const { stdout } = await execa("git", ["ls-tree", "-r", "--name-only", "HEAD"], { cwd: dir });
    expect(stdout.split("\n").sort()).toEqual([
      ".gitignore",
      "README.md",
      "package.json",
      "scripts/check.mjs",
    ]);

    await rm(path.join(dir, "scripts", "check.mjs"));
    expect(demoRepositoryComplete(dir)).toBe(false);
    await ensureDemoRepository(dir);
    expect(demoRepositoryComplete(dir)).toBe(true);
  });
});

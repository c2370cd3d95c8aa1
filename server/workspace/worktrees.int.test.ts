import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGitWorkspaces } from "./index";
import { setupTestGit } from "./test-support";

const { ws, env, git, tempDir, seededRepo } = setupTestGit();

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: { code?: string }) => error.code,
  );

describe("createItemWorktree", () => {
  it("keeps hostile item ids inside Specwave's folder and on a valid branch", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const run = await ws.createRunBranch(repo, "r1");
    const root = path.join(repo, ".git", "specwave-worktrees", "r1");
    const hostile = await ws.createItemWorktree(repo, run.branch, "../../../../tmp/evil");
    expect(path.dirname(hostile.path)).toBe(root);
    expect(hostile.slug).toMatch(/^tmp-evil-[0-9a-f]{8}$/);
    expect(await git(hostile.path, "symbolic-ref", "--short", "HEAD")).toBe(
      `specwave/items/run-r1/${hostile.slug}`,
    );
    expect(await git(hostile.path, "rev-parse", "HEAD")).toBe(run.sha);
    expect(existsSync(path.join(hostile.path, "a.txt"))).toBe(true);

    const option = await ws.createItemWorktree(repo, run.branch, "--detach");
    expect(path.dirname(option.path)).toBe(root);
  });

  it("hands back the same worktree for a retried item, and recreates one whose folder was deleted", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const run = await ws.createRunBranch(repo, "r2");
    const first = await ws.createItemWorktree(repo, run.branch, "T1");
    await writeFile(path.join(first.path, "work.txt"), "in progress\n");
    const again = await ws.createItemWorktree(repo, run.branch, "T1");
    expect(again).toEqual({ ...first, reused: true });
    expect(existsSync(path.join(again.path, "work.txt"))).toBe(true);

    await ws.commitItem(first.path, { type: "feat", spec: "s", itemId: "T1", title: "work" });
    await rm(first.path, { recursive: true, force: true });
    const recreated = await ws.createItemWorktree(repo, run.branch, "T1");
    expect(recreated.reused).toBe(false);
    // The branch survived, so the committed work comes back.
    expect(existsSync(path.join(recreated.path, "work.txt"))).toBe(true);
  });

  it("uses a configured worktree root", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const root = await tempDir("root");
    const custom = createGitWorkspaces({ env, worktreeRoot: root });
    const run = await custom.createRunBranch(repo, "r3");
    const item = await custom.createItemWorktree(repo, run.branch, "T1");
    expect(item.path).toBe(path.join(root, "r3", "T1"));
    const cleaned = await custom.removeWorktrees(repo, "r3");
    expect(cleaned.removedWorktrees).toEqual([item.path]);
    expect(existsSync(path.join(root, "r3"))).toBe(false);
  });

  it("refuses a missing run branch, a foreign branch name and a folder that is not a worktree", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    expect(await errorCode(ws.createItemWorktree(repo, "specwave/run-nope", "T1"))).toBe("ref_not_found");
    expect(await errorCode(ws.createItemWorktree(repo, "main", "T1"))).toBe("invalid_branch");
    const run = await ws.createRunBranch(repo, "r4");
    const squatted = path.join(repo, ".git", "specwave-worktrees", "r4", "T1");
    await mkdir(squatted, { recursive: true });
    await writeFile(path.join(squatted, "something.txt"), "");
    expect(await errorCode(ws.createItemWorktree(repo, run.branch, "T1"))).toBe("worktree_conflict");
  });
});

describe("openRunWorktree", () => {
  it("refuses to merge in the user's checkout when the run branch is checked out there", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const run = await ws.createRunBranch(repo, "r5");
    await git(repo, "switch", "--quiet", run.branch);
    expect(await errorCode(ws.openRunWorktree(repo, run.branch))).toBe("branch_checked_out");
  });

  it("is found from any worktree of the repository, sharing one lock key", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const run = await ws.createRunBranch(repo, "r6");
    const item = await ws.createItemWorktree(repo, run.branch, "T1");
    const fromRepo = await ws.openRunWorktree(repo, run.branch);
    const fromItem = await ws.openRunWorktree(item.path, run.branch);
    expect(fromItem).toEqual(fromRepo);
    expect(await ws.lockKey(item.path)).toBe(await ws.lockKey(repo));
    expect(await ws.lockKey(repo)).toBe(path.join(repo, ".git"));
  });
});

/**
 * Git lock files held by another process: the runner waits and retries, and gives up with a
 * typed error when the lock never goes away.
 */
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGitWorkspaces } from "./index";
import type { RepoLock } from "./repo-lock";
import { setupTestGit, writeFiles } from "./test-support";

const { ws, env, git, seededRepo } = setupTestGit();

async function lockedItem(runId: string) {
  const repo = await seededRepo({ "a.txt": "a\n" });
  const run = await ws.createRunBranch(repo, runId);
  const item = await ws.createItemWorktree(repo, run.branch, "T1");
  await writeFiles(item.path, { "a.txt": "changed\n" });
  const indexLock = path.resolve(item.path, await git(item.path, "rev-parse", "--git-path", "index.lock"));
  // What another git process leaves while it works on this worktree's index.
  await writeFile(indexLock, "");
  return { repo, run, item, indexLock };
}

describe("git lock contention", () => {
  it("retries with backoff until another process releases index.lock", async () => {
    const { item, indexLock } = await lockedItem("l1");
    const release = new Promise<void>((resolve) =>
      setTimeout(() => rm(indexLock).then(() => resolve()), 300),
    );
    const result = await ws.commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "wait" });
    await release;
    expect(result.ok).toBe(true);
    expect(await git(item.path, "log", "-1", "--format=%s")).toBe("feat(s): task T1 - wait");
  });

  it("gives up with git_locked when the lock stays held", async () => {
    const { item, indexLock } = await lockedItem("l2");
    const impatient = createGitWorkspaces({ env, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 } });
    const error = await impatient
      .commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "stuck" })
      .then(
        () => null,
        (caught: { code?: string; stderr?: string }) => caught,
      );
    expect(error?.code).toBe("git_locked");
    expect(error?.stderr).toContain("index.lock");
    expect(existsSync(indexLock)).toBe(true);
  });

  it("takes the injected lock for shared-state operations, keyed by the repository", async () => {
    const keys: string[] = [];
    const recording: RepoLock = {
      withLock: async (key, fn) => {
        keys.push(key);
        return fn();
      },
    };
    const repo = await seededRepo({ "a.txt": "a\n" });
    const custom = createGitWorkspaces({ env, lock: recording });
    const run = await custom.createRunBranch(repo, "l3");
    const item = await custom.createItemWorktree(repo, run.branch, "T1");
    await writeFiles(item.path, { "b.txt": "b\n" });
    await custom.commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "b" });
    await custom.mergeItem(repo, run.branch, item.branch);
    await custom.withRepoLock(item.path, async () => undefined);
    await custom.removeWorktrees(repo, "l3");
    // Run branch, worktree, merge, explicit, clean-up: the commit itself needs no repository lock.
    expect(keys).toEqual(Array(5).fill(path.join(repo, ".git")));
  });
});

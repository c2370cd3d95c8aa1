import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { checkedOutBranch } from "./known-repos";
import { createInProcessRepoLock, type RepoLock } from "./repo-lock";
import { setupTestGit } from "./test-support";

// git behind a script that writes down every command it is asked for, then runs the real one.
const bin = mkdtempSync(path.join(os.tmpdir(), "specwave-git-log-"));
const log = path.join(bin, "commands.log");
const wrapper = path.join(bin, "git");
writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec git "$@"\n`);
chmodSync(wrapper, 0o755);
afterAll(() => rm(bin, { recursive: true, force: true }));

// The repository lock, counting the sections it is taken for.
const inner = createInProcessRepoLock();
let lockSections = 0;
const lock: RepoLock = {
  withLock: (key, fn) => {
    lockSections++;
    return inner.withLock(key, fn);
  },
};

const { ws, git, tempDir, seededRepo } = setupTestGit({ gitBinary: wrapper, lock });

/** The git subcommands started since the last call (global flags left out). */
function commandsSince(): string[] {
  const text = existsSync(log) ? readFileSync(log, "utf8") : "";
  writeFileSync(log, "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => line.replace(/^(-c \S+ )*--no-pager /, "").split(" ")[0] ?? "");
}

/** What a worker does for each gate of a run: the repository, the run branch, its worktree. */
async function openForGate(repo: string, runId: string) {
  const ensured = await ws.ensureRepository(repo);
  const run = await ws.createRunBranch(ensured.root, runId);
  return { ensured, worktree: await ws.openRunWorktree(ensured.root, run.branch) };
}

describe("what git already said about a repository", () => {
  beforeEach(() => {
    commandsSince();
    lockSections = 0;
  });

  it("is not asked again for the next gate of a run: only the run branch's commit is read, unlocked", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const first = await openForGate(repo, "g1");
    expect(commandsSince()).toContain("worktree");
    lockSections = 0;

    const again = await openForGate(repo, "g1");
    expect(again.worktree).toEqual(first.worktree);
    expect(again.ensured).toMatchObject({ root: repo, created: false });
    // The repository and the worktree come from before; nothing waits for the repository's lock.
    expect(commandsSince()).toEqual(["rev-parse"]);
    expect(lockSections).toBe(0);
    expect(await git(again.worktree.path, "symbolic-ref", "HEAD")).toBe("refs/heads/specwave/run-g1");
  });

  it("asks again when the repository was deleted and made again in the same folder", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const before = await ws.ensureRepository(repo);
    await rm(path.join(repo, ".git"), { recursive: true, force: true });
    const after = await ws.ensureRepository(repo);
    expect(before.created).toBe(false);
    expect(after.created).toBe(true);
    expect(after.initialCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(await git(repo, "log", "--format=%s")).toBe("chore: initialise workspace for Specwave");
  });

  it("opens a run worktree again after its folder was deleted by hand", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const { worktree } = await openForGate(repo, "g2");
    await rm(worktree.path, { recursive: true, force: true });
    const reopened = await openForGate(repo, "g2");
    expect(reopened.worktree.path).toBe(worktree.path);
    expect(await git(worktree.path, "symbolic-ref", "HEAD")).toBe("refs/heads/specwave/run-g2");
  });

  it("comes back to an item's worktree without git, and still refuses one switched to another branch", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const run = await ws.createRunBranch(repo, "g3");
    const item = await ws.createItemWorktree(repo, run.branch, "T1");
    commandsSince();
    lockSections = 0;
    expect(await ws.createItemWorktree(repo, run.branch, "T1")).toEqual({ ...item, reused: true });
    expect(commandsSince()).toEqual([]);
    expect(lockSections).toBe(0);

    await git(item.path, "checkout", "-q", "-b", "elsewhere");
    await expect(ws.createItemWorktree(repo, run.branch, "T1")).rejects.toMatchObject({
      code: "worktree_conflict",
    });
  });

  it("reads a worktree's branch from git's files, and gives up on anything else", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const run = await ws.createRunBranch(repo, "g4");
    const item = await ws.createItemWorktree(repo, run.branch, "T1");
    const commonDir = path.join(repo, ".git");
    expect(await checkedOutBranch(item.path, commonDir)).toBe(`refs/heads/${item.branch}`);
    // The main checkout, a plain folder, a worktree of another repository: git is asked instead.
    expect(await checkedOutBranch(repo, commonDir)).toBeNull();
    expect(await checkedOutBranch(await tempDir("plain"), commonDir)).toBeNull();
    const other = await seededRepo({ "b.txt": "b\n" });
    expect(await checkedOutBranch(item.path, path.join(other, ".git"))).toBeNull();
    // A copy of the worktree's folder: its `.git` names an admin folder that points elsewhere.
    const copy = path.join(await tempDir("copy"), "T1");
    await cp(item.path, copy, { recursive: true });
    expect(await checkedOutBranch(copy, commonDir)).toBeNull();
  });
});

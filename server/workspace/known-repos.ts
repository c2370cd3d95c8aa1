/**
 * What one workspace context already learned from git about a folder, so that a worker does not
 * start git four or five times per step and per gate to be told the same things again: where a
 * folder's repository is, and that a repository was made ready (`ensureRepository`).
 *
 * A fact is kept with the identity (device and inode) of the folder's `.git` entry and of the
 * repository's common dir, and is used only while both are still the same entries on disk. A
 * repository deleted, or initialised again in the same place, gets new entries and is asked
 * afresh; a folder that is not the top of a work tree (no `.git` of its own) is never cached.
 */
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import type { RepoInfo } from "./context";
import { isInside } from "./paths";

export interface KnownRepos {
  /** The folder's repository, if it was looked up before and is still the same repository. */
  info(dir: string): Promise<RepoInfo | null>;
  rememberInfo(dir: string, info: RepoInfo): Promise<void>;
  /** True when the repository at `root` was made ready before and is still the same repository. */
  isReady(root: string): Promise<boolean>;
  rememberReady(root: string): Promise<void>;
}

interface Known {
  info: RepoInfo;
  identity: string;
}

/** Device and inode of each path, or null when one is missing. */
async function identityOf(...paths: string[]): Promise<string | null> {
  try {
    const stats = await Promise.all(paths.map((p) => lstat(p)));
    return stats.map((stat) => `${stat.dev}:${stat.ino}`).join("/");
  } catch {
    return null;
  }
}

export function createKnownRepos(): KnownRepos {
  const infos = new Map<string, Known>();
  /** The identity of each ready repository's `.git` when it was made ready. */
  const ready = new Map<string, string>();
  const dotGit = (dir: string) => path.join(dir, ".git");

  return {
    async info(dir) {
      const key = path.resolve(dir);
      const known = infos.get(key);
      if (!known) return null;
      if ((await identityOf(dotGit(key), known.info.commonDir)) === known.identity) return known.info;
      infos.delete(key);
      return null;
    },
    async rememberInfo(dir, info) {
      const key = path.resolve(dir);
      // Only the top of a work tree has a `.git` of its own to tell a re-created repository by.
      if (key !== info.topLevel) return;
      const identity = await identityOf(dotGit(key), info.commonDir);
      if (identity) infos.set(key, { info, identity });
    },
    async isReady(root) {
      const identity = ready.get(root);
      return identity !== undefined && (await identityOf(dotGit(root))) === identity;
    },
    async rememberReady(root) {
      const identity = await identityOf(dotGit(root));
      if (identity) ready.set(root, identity);
    },
  };
}

/**
 * The branch checked out in the worktree at `dir`, read from git's own files (the worktree's
 * `.git` file, its admin folder's `HEAD` and the `gitdir` file pointing back), or null when
 * `dir` is not plainly a linked worktree of the repository at `commonDir`. Null means "ask git":
 * it is never taken as "no worktree".
 */
export async function checkedOutBranch(dir: string, commonDir: string): Promise<string | null> {
  const link = await readFile(path.join(dir, ".git"), "utf8").catch(() => null);
  const gitdir = link && /^gitdir: (.+)$/m.exec(link)?.[1]?.trim();
  if (!gitdir) return null;
  const admin = path.resolve(dir, gitdir);
  if (!isInside(path.join(commonDir, "worktrees"), admin)) return null;
  const [head, back] = await Promise.all([
    readFile(path.join(admin, "HEAD"), "utf8").catch(() => null),
    readFile(path.join(admin, "gitdir"), "utf8").catch(() => null),
  ]);
  if (!head || !back || path.resolve(admin, back.trim()) !== path.join(dir, ".git")) return null;
  return /^ref: (refs\/heads\/\S+)\s*$/.exec(head)?.[1] ?? null;
}

/** Whether `dir` is a worktree with `branch` checked out, by git's files (`checkedOutBranch`). */
export async function isWorktreeOn(dir: string, commonDir: string, branch: string): Promise<boolean> {
  return (await checkedOutBranch(dir, commonDir)) === `refs/heads/${branch}`;
}

/**
 * The resources every workspace operation shares: one git runner, one lock, the configuration.
 * Built once by `createGitWorkspaces`; each system (repository, worktrees, commits, merges)
 * takes it as its first argument instead of reaching for globals.
 */
import { realpath } from "node:fs/promises";
import path from "node:path";
import type { WorkspaceConfig } from "./config";
import { WorkspaceError } from "./errors";
import type { GitRunner } from "./git-runner";
import type { KnownRepos } from "./known-repos";
import type { RepoLock } from "./repo-lock";

export interface WorkspaceContext {
  git: GitRunner;
  lock: RepoLock;
  config: WorkspaceConfig;
  /** What git already said about a folder, while it is still the same repository. */
  known: KnownRepos;
}

export interface RepoInfo {
  /** The work tree the caller pointed at (the main checkout or any worktree). */
  topLevel: string;
  /** The `.git` folder shared by every worktree of the repository; the lock key. */
  commonDir: string;
}

export async function repoInfo(ctx: WorkspaceContext, dir: string): Promise<RepoInfo> {
  const known = await ctx.known.info(dir);
  if (known) return known;
  const result = await ctx.git
    .run(
      ["rev-parse", "--path-format=absolute", "--is-bare-repository", "--show-toplevel", "--git-common-dir"],
      { cwd: dir, allowFailure: true },
    )
    .catch((error: unknown) => {
      // A missing folder makes the spawn itself fail; that is "not a repository" to the caller.
      if (error instanceof WorkspaceError && error.code === "root_not_found") return null;
      throw error;
    });
  const [bare, topLevel, commonDir] = result?.stdout.split("\n") ?? [];
  if (result?.exitCode !== 0 || bare !== "false" || !topLevel || !commonDir) {
    throw new WorkspaceError("not_a_repository", `${dir} is not inside a git work tree`, { path: dir });
  }
  const info = { topLevel: await realOrSame(topLevel), commonDir: await realOrSame(commonDir) };
  await ctx.known.rememberInfo(dir, info);
  return info;
}

/** Git prints paths as it found them; comparing them needs one spelling (macOS /var vs /private/var). */
export async function realOrSame(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return path.resolve(p);
  }
}

/** Runs `fn` holding the repository's lock. Keyed by the common dir so all worktrees share it. */
export async function withRepoLock<T>(
  ctx: WorkspaceContext,
  repo: string,
  fn: (info: RepoInfo) => Promise<T>,
): Promise<T> {
  const info = await repoInfo(ctx, repo);
  return ctx.lock.withLock(info.commonDir, () => fn(info));
}

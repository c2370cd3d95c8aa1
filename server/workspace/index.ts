/**
 * Specwave's git workspaces: a run branch per run, a worktree and branch per item, one
 * Conventional Commit per item, merges into the run branch, the clean-worktree gate, clean-up,
 * and the check that keeps spec paths inside the workspace.
 *
 * Build one with `createGitWorkspaces(config)` at start-up and pass it to the engine; the
 * configuration is injected, nothing here reads the environment.
 */
import { type CommitItemInput, type CommitItemResult, commitItem } from "./commit";
import type { WorkspaceConfig } from "./config";
import { repoInfo, type WorkspaceContext, withRepoLock } from "./context";
import { createGitRunner } from "./git-runner";
import { createKnownRepos } from "./known-repos";
import { type MergeItemOptions, type MergeItemResult, mergeItem } from "./merge";
import { resolveInside } from "./paths";
import { createInProcessRepoLock } from "./repo-lock";
import { createRunBranch, type EnsuredRepository, ensureRepository, type RunBranch } from "./repository";
import { isClean, type WorktreeStatus } from "./status";
import {
  type CreateItemWorktreeOptions,
  createItemWorktree,
  type ItemWorktree,
  openRunWorktree,
  type RemovedWorktrees,
  type RemoveWorktreesOptions,
  type RunWorktree,
  removeWorktrees,
} from "./worktrees";

export type { CommitItemInput, CommitItemResult, CommitType } from "./commit";
export { COMMIT_TYPES, formatCommitMessage } from "./commit";
export type { GitIdentity, GitRetryPolicy, WorkspaceConfig } from "./config";
export { isWorkspaceError, WorkspaceError, type WorkspaceErrorCode } from "./errors";
export { createFileRepoLock, type FileRepoLockOptions } from "./file-repo-lock";
export type { MergeItemOptions, MergeItemResult } from "./merge";
export { itemBranchName, itemSlug, runBranchName } from "./names";
export { resolveInside } from "./paths";
export { createInProcessRepoLock, type RepoLock } from "./repo-lock";
export type { EnsuredRepository, RunBranch } from "./repository";
export type { DirtyFile, WorktreeStatus } from "./status";
export type {
  CreateItemWorktreeOptions,
  ItemWorktree,
  RemovedWorktrees,
  RemoveWorktreesOptions,
  RunWorktree,
} from "./worktrees";

export interface GitWorkspaces {
  /** Makes `dir` a repository with a first commit and an identity for Specwave's commits. */
  ensureRepository(dir: string): Promise<EnsuredRepository>;
  /** Creates (or finds) `specwave/run-<runId>` at `baseRef` (default HEAD) without any checkout. */
  createRunBranch(repo: string, runId: string, baseRef?: string): Promise<RunBranch>;
  /** A worktree on `specwave/items/run-<id>/<item>`, branched from the run branch. */
  createItemWorktree(
    repo: string,
    runBranch: string,
    itemId: string,
    options?: CreateItemWorktreeOptions,
  ): Promise<ItemWorktree>;
  /** The run branch's worktree (where merges happen and the wave's gate is checked). */
  openRunWorktree(repo: string, runBranch: string): Promise<RunWorktree>;
  commitItem(worktree: string, input: CommitItemInput): Promise<CommitItemResult>;
  mergeItem(
    repo: string,
    runBranch: string,
    itemBranch: string,
    options?: MergeItemOptions,
  ): Promise<MergeItemResult>;
  isClean(worktree: string): Promise<WorktreeStatus>;
  removeWorktrees(repo: string, runId: string, options?: RemoveWorktreesOptions): Promise<RemovedWorktrees>;
  resolveInside(root: string, relPath: string): Promise<string>;
  /** Runs `fn` holding the repository's lock (the same one the operations above take). */
  withRepoLock<T>(repo: string, fn: () => Promise<T>): Promise<T>;
  /** The lock key for `repo` (its git common dir): what a PostgreSQL advisory lock should hash. */
  lockKey(repo: string): Promise<string>;
}

export function createGitWorkspaces(config: WorkspaceConfig = {}): GitWorkspaces {
  const ctx: WorkspaceContext = {
    git: createGitRunner(config),
    lock: config.lock ?? createInProcessRepoLock(),
    config,
    known: createKnownRepos(),
  };
  return {
    ensureRepository: (dir) => ensureRepository(ctx, dir),
    createRunBranch: (repo, runId, baseRef) => createRunBranch(ctx, repo, runId, baseRef),
    createItemWorktree: (repo, runBranch, itemId, options) =>
      createItemWorktree(ctx, repo, runBranch, itemId, options),
    openRunWorktree: (repo, runBranch) => openRunWorktree(ctx, repo, runBranch),
    commitItem: (worktree, input) => commitItem(ctx, worktree, input),
    mergeItem: (repo, runBranch, itemBranch, options) => mergeItem(ctx, repo, runBranch, itemBranch, options),
    isClean: (worktree) => isClean(ctx, worktree),
    removeWorktrees: (repo, runId, options) => removeWorktrees(ctx, repo, runId, options),
    resolveInside,
    withRepoLock: (repo, fn) => withRepoLock(ctx, repo, () => fn()),
    lockKey: async (repo) => (await repoInfo(ctx, repo)).commonDir,
  };
}

import path from "node:path";
import {
  createFileRepoLock,
  createGitWorkspaces,
  type GitWorkspaces,
  type ItemWorktree,
  type RepoLock,
} from "../workspace";
import { demoRepositoryComplete, ensureDemoRepository } from "./demo-workspace";

/**
 * Where an item's agents work: the project's repository gets a branch per run, and each item a
 * worktree and branch of its own off the run branch, so parallel agents never trample each
 * other. The lock is a file lock shared by every worker process on the machine.
 */
let shared: GitWorkspaces | undefined;

let setupLock: RepoLock | undefined;

export function gitWorkspaces(): GitWorkspaces {
  shared ??= createGitWorkspaces({ lock: createFileRepoLock() });
  return shared;
}

/**
 * The first items of a run can reach a fresh demo workspace at the same moment, from several
 * worker processes: one `git init` must finish before anyone adds files, so setting it up holds
 * a cross-process lock named after the folder (there is no git common dir to key on yet).
 */
function withSetupLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  setupLock ??= createFileRepoLock();
  return setupLock.withLock(`demo-setup:${path.resolve(dir)}`, fn);
}

export interface RunWorkspace {
  repo: string;
  runBranch: string;
}

export async function prepareRunWorkspace(
  repoPath: string,
  runId: string,
  demo: boolean,
): Promise<RunWorkspace> {
  const git = gitWorkspaces();
  // Every step and gate passes here; the lock is taken only when something is missing.
  if (demo && !demoRepositoryComplete(repoPath))
    await withSetupLock(repoPath, () => ensureDemoRepository(repoPath));
  const repo = await git.ensureRepository(repoPath);
  const branch = await git.createRunBranch(repo.root, runId);
  return { repo: repo.root, runBranch: branch.branch };
}

export async function prepareItemWorkspace(
  repoPath: string,
  runId: string,
  itemKey: string,
  demo: boolean,
): Promise<RunWorkspace & { worktree: ItemWorktree }> {
  const run = await prepareRunWorkspace(repoPath, runId, demo);
  const worktree = await gitWorkspaces().createItemWorktree(run.repo, run.runBranch, itemKey);
  return { ...run, worktree };
}

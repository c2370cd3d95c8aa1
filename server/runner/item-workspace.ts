import { createFileRepoLock, createGitWorkspaces, type GitWorkspaces, type ItemWorktree } from "../workspace";
import { ensureDemoRepository } from "./demo-workspace";

/**
 * Where an item's agents work: the project's repository gets a branch per run, and each item a
 * worktree and branch of its own off the run branch, so parallel agents never trample each
 * other. The lock is a file lock shared by every worker process on the machine.
 */
let shared: GitWorkspaces | undefined;

export function gitWorkspaces(): GitWorkspaces {
  shared ??= createGitWorkspaces({ lock: createFileRepoLock() });
  return shared;
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
  if (demo) await ensureDemoRepository(repoPath);
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

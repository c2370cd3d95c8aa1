/**
 * Worktrees: one per item, on its own branch, plus one per run on the run branch where merges
 * happen. All live under a folder Specwave controls (`<root>/<run id>/...`), never in the
 * user's checkout, and all are removed together when the run ends.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { type RepoInfo, realOrSame, repoInfo, type WorkspaceContext, withRepoLock } from "./context";
import { WorkspaceError } from "./errors";
import { isWorktreeOn } from "./known-repos";
import { itemBranchName, itemBranchRefPrefix, itemSlug, parseRunBranch, runBranchName } from "./names";
import { isInside } from "./paths";
import { resolveCommit } from "./repository";
import { parseWorktreeList, type WorktreeEntry } from "./worktree-list";

export interface ItemWorktree {
  /** Absolute folder of the worktree: the agent's working directory. */
  path: string;
  branch: string;
  /** The sanitised item id used in the folder and branch names. */
  slug: string;
  /** True when the worktree already existed (a retried item) and was handed back as it is. */
  reused: boolean;
}

export interface RunWorktree {
  path: string;
  branch: string;
}

export interface RemovedWorktrees {
  removedWorktrees: string[];
  deletedBranches: string[];
  /** Item branches left in place: unmerged ones when asked to keep them, or ones checked out elsewhere. */
  keptBranches: string[];
}

export interface RemoveWorktreesOptions {
  /** Keep item branches whose commits never reached the run branch (e.g. for a human to resolve a conflict). */
  keepUnmerged?: boolean;
}

// Item slugs never start with "." (see itemSlug), so this folder cannot collide with an item.
const RUN_WORKTREE_FOLDER = ".run";

export function worktreeRoot(ctx: WorkspaceContext, info: RepoInfo): string {
  return path.resolve(ctx.config.worktreeRoot ?? path.join(info.commonDir, "specwave-worktrees"));
}

export async function listWorktrees(ctx: WorkspaceContext, cwd: string): Promise<WorktreeEntry[]> {
  const result = await ctx.git.run(["worktree", "list", "--porcelain", "-z"], { cwd });
  const entries = parseWorktreeList(result.stdout);
  return Promise.all(entries.map(async (entry) => ({ ...entry, path: await realOrSame(entry.path) })));
}

export interface CreateItemWorktreeOptions {
  /**
   * Throw away this item's worktree and branch, if any, and start again from the run branch as
   * it is now (e.g. a retry after a conflict, on top of the items merged since).
   */
  fresh?: boolean;
}

export async function createItemWorktree(
  ctx: WorkspaceContext,
  repo: string,
  runBranch: string,
  itemId: string,
  options: CreateItemWorktreeOptions = {},
): Promise<ItemWorktree> {
  const runId = parseRunBranch(runBranch);
  const slug = itemSlug(itemId);
  const branch = itemBranchName(runId, slug);
  // Each of an item's steps comes back to its worktree: git's own files say it is there, read
  // without the repository's lock, which only changes to refs and worktrees need.
  if (!options.fresh) {
    const info = await repoInfo(ctx, repo);
    const dir = path.join(worktreeRoot(ctx, info), runId, slug);
    if (await isWorktreeOn(dir, info.commonDir, branch)) {
      return { path: dir, branch, slug, reused: true };
    }
  }
  return withRepoLock(ctx, repo, async (info) => {
    const dir = path.join(worktreeRoot(ctx, info), runId, slug);
    if (!(await resolveCommit(ctx, info.topLevel, `refs/heads/${runBranchName(runId)}`))) {
      throw new WorkspaceError("ref_not_found", `run branch ${runBranch} does not exist; create it first`);
    }
    if (options.fresh) await discardItem(ctx, info, dir, branch);
    // Each attempt starts from what is on disk, so a race lost half-way (branch made, worktree
    // not) resumes instead of failing on "branch already exists".
    return ctx.git.retrying(async () => {
      const existing = await checkoutFor(ctx, info, dir, branch);
      if (existing) return { path: dir, branch, slug, reused: true };
      const branchExists = (await resolveCommit(ctx, info.topLevel, `refs/heads/${branch}`)) !== null;
      const args = branchExists
        ? ["worktree", "add", "--quiet", dir, branch]
        : ["worktree", "add", "--quiet", "-b", branch, dir, runBranchName(runId)];
      await ctx.git.run(args, { cwd: info.topLevel, retryOnLock: "none" });
      return { path: dir, branch, slug, reused: false };
    });
  });
}

/** Removes one item's worktree (uncommitted work included) and its branch. */
async function discardItem(
  ctx: WorkspaceContext,
  info: RepoInfo,
  dir: string,
  branch: string,
): Promise<void> {
  const realDir = await realOrSame(dir);
  for (const entry of await listWorktrees(ctx, info.topLevel)) {
    if (entry.path !== realDir && entry.branch !== `refs/heads/${branch}`) continue;
    if (entry.path === info.topLevel) {
      throw new WorkspaceError("branch_checked_out", `${branch} is checked out at ${entry.path}`, {
        path: entry.path,
      });
    }
    await ctx.git.run(["worktree", "remove", "--force", "--force", entry.path], { cwd: info.topLevel });
  }
  await ctx.git.run(["worktree", "prune"], { cwd: info.topLevel });
  await rm(dir, { recursive: true, force: true });
  if (await resolveCommit(ctx, info.topLevel, `refs/heads/${branch}`)) {
    await ctx.git.run(["update-ref", "-d", `refs/heads/${branch}`], { cwd: info.topLevel });
  }
}

/** The run branch's worktree, created on first use. Merges happen here, never in the user's checkout. */
export async function openRunWorktree(
  ctx: WorkspaceContext,
  repo: string,
  runBranch: string,
): Promise<RunWorktree> {
  // Every gate opens it: once it exists, git's own files say so, read without the lock.
  const existing = await existingRunWorktree(ctx, await repoInfo(ctx, repo), runBranch);
  return existing ?? withRepoLock(ctx, repo, (info) => openRunWorktreeLocked(ctx, info, runBranch));
}

/** The run branch's worktree if it is there, by git's own files; null: ask git. */
async function existingRunWorktree(
  ctx: WorkspaceContext,
  info: RepoInfo,
  runBranch: string,
): Promise<RunWorktree | null> {
  const runId = parseRunBranch(runBranch);
  const branch = runBranchName(runId);
  const dir = path.join(worktreeRoot(ctx, info), runId, RUN_WORKTREE_FOLDER);
  return (await isWorktreeOn(dir, info.commonDir, branch)) ? { path: dir, branch } : null;
}

/** For callers already holding the repository lock (the mutex is not re-entrant). */
export async function openRunWorktreeLocked(
  ctx: WorkspaceContext,
  info: RepoInfo,
  runBranch: string,
): Promise<RunWorktree> {
  // A merge comes back to it for every item.
  const existing = await existingRunWorktree(ctx, info, runBranch);
  if (existing) return existing;
  const runId = parseRunBranch(runBranch);
  const branch = runBranchName(runId);
  const dir = path.join(worktreeRoot(ctx, info), runId, RUN_WORKTREE_FOLDER);
  if (!(await resolveCommit(ctx, info.topLevel, `refs/heads/${branch}`))) {
    throw new WorkspaceError("ref_not_found", `run branch ${branch} does not exist; create it first`);
  }
  await ctx.git.retrying(async () => {
    if (await checkoutFor(ctx, info, dir, branch)) return;
    await ctx.git.run(["worktree", "add", "--quiet", dir, branch], {
      cwd: info.topLevel,
      retryOnLock: "none",
    });
  });
  return { path: dir, branch };
}

/**
 * Whether `dir` is already the worktree of `branch`. Throws when the folder or the branch is
 * used otherwise: reusing either would mix two items' work or write into someone's checkout.
 */
async function checkoutFor(
  ctx: WorkspaceContext,
  info: RepoInfo,
  dir: string,
  branch: string,
): Promise<boolean> {
  // Forget worktrees whose folders were deleted by hand, so their branches become free again.
  await ctx.git.run(["worktree", "prune"], { cwd: info.topLevel });
  const worktrees = await listWorktrees(ctx, info.topLevel);
  const realDir = await realOrSame(dir);
  const atDir = worktrees.find((entry) => entry.path === realDir);
  if (atDir) {
    if (atDir.branch === `refs/heads/${branch}`) return true;
    throw new WorkspaceError(
      "worktree_conflict",
      `${dir} is a worktree of ${atDir.branch ?? "a detached HEAD"}`,
      {
        path: dir,
      },
    );
  }
  const elsewhere = worktrees.find((entry) => entry.branch === `refs/heads/${branch}`);
  if (elsewhere) {
    throw new WorkspaceError("branch_checked_out", `${branch} is checked out at ${elsewhere.path}`, {
      path: elsewhere.path,
    });
  }
  if ((await readdir(dir).catch(() => [])).length > 0) {
    throw new WorkspaceError("worktree_conflict", `${dir} exists and is not a worktree; remove it first`, {
      path: dir,
    });
  }
  await mkdir(path.dirname(dir), { recursive: true });
  return false;
}

/**
 * After a run: removes every worktree under the run's folder (item and run worktrees, with any
 * uncommitted changes) and the run's item branches. The run branch stays: it is the result.
 */
export async function removeWorktrees(
  ctx: WorkspaceContext,
  repo: string,
  runId: string,
  options: RemoveWorktreesOptions = {},
): Promise<RemovedWorktrees> {
  const runBranch = runBranchName(runId);
  const prefix = itemBranchRefPrefix(runId);
  return withRepoLock(ctx, repo, async (info) => {
    const runDir = path.join(worktreeRoot(ctx, info), runId);
    const realRunDir = await realOrSame(runDir);
    const removedWorktrees: string[] = [];
    for (const entry of await listWorktrees(ctx, info.topLevel)) {
      const ours = isInside(realRunDir, entry.path) || entry.branch?.startsWith(prefix) === true;
      if (!ours || entry.path === info.topLevel) continue;
      // Twice --force: also removes worktrees that are dirty or locked; they are ours to drop.
      await ctx.git.run(["worktree", "remove", "--force", "--force", entry.path], { cwd: info.topLevel });
      removedWorktrees.push(entry.path);
    }
    await ctx.git.run(["worktree", "prune"], { cwd: info.topLevel });
    await rm(runDir, { recursive: true, force: true });

    const checkedOut = new Set((await listWorktrees(ctx, info.topLevel)).map((entry) => entry.branch));
    const refs = await ctx.git.run(["for-each-ref", "--format=%(refname)", prefix], { cwd: info.topLevel });
    const deletedBranches: string[] = [];
    const keptBranches: string[] = [];
    for (const ref of refs.stdout.split("\n").filter(Boolean)) {
      const name = ref.replace(/^refs\/heads\//, "");
      if (checkedOut.has(ref) || (options.keepUnmerged && !(await isMerged(ctx, info, ref, runBranch)))) {
        keptBranches.push(name);
        continue;
      }
      await ctx.git.run(["update-ref", "-d", ref], { cwd: info.topLevel });
      deletedBranches.push(name);
    }
    return { removedWorktrees, deletedBranches, keptBranches };
  });
}

async function isMerged(
  ctx: WorkspaceContext,
  info: RepoInfo,
  ref: string,
  runBranch: string,
): Promise<boolean> {
  const result = await ctx.git.run(["merge-base", "--is-ancestor", ref, `refs/heads/${runBranch}`], {
    cwd: info.topLevel,
    allowFailure: true,
  });
  return result.exitCode === 0;
}

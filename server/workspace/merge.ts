/**
 * Merging an item's branch into the run branch, in the run branch's own worktree. A conflict is
 * an expected outcome: the merge is aborted, the run branch stays where it was, and the caller
 * gets the conflicting files to show with a human action.
 */
import type { WorkspaceContext } from "./context";
import { withRepoLock } from "./context";
import { WorkspaceError } from "./errors";
import { gitFailure, splitNul } from "./git-runner";
import { parseItemBranch, parseRunBranch } from "./names";
import { resolveCommit } from "./repository";
import { isClean } from "./status";
import { openRunWorktreeLocked } from "./worktrees";

export interface MergeItemOptions {
  /** Default: git's own `Merge branch '<item>' into <run>`, which commit linters skip. */
  message?: string;
}

export type MergeItemResult =
  | {
      ok: true;
      /** The run branch after the merge. */
      sha: string;
      /** The item had nothing the run branch lacked; no commit was made. */
      alreadyMerged: boolean;
      /** Files the merge changed on the run branch. */
      files: string[];
    }
  | {
      ok: false;
      code: "merge_conflict";
      files: string[];
      /** The run branch, unchanged. */
      sha: string;
    };

export async function mergeItem(
  ctx: WorkspaceContext,
  repo: string,
  runBranch: string,
  itemBranch: string,
  options: MergeItemOptions = {},
): Promise<MergeItemResult> {
  const runId = parseRunBranch(runBranch);
  const item = parseItemBranch(itemBranch);
  if (item.runId !== runId) {
    throw new WorkspaceError("invalid_branch", `${itemBranch} belongs to run ${item.runId}, not ${runId}`);
  }
  return withRepoLock(ctx, repo, async (info) => {
    const itemRef = `refs/heads/${itemBranch.replace(/^refs\/heads\//, "")}`;
    if (!(await resolveCommit(ctx, info.topLevel, itemRef))) {
      throw new WorkspaceError("ref_not_found", `item branch ${itemBranch} does not exist`);
    }
    const worktree = await openRunWorktreeLocked(ctx, info, runBranch);
    const run = (args: string[]) => ctx.git.run(args, { cwd: worktree.path });

    // A process that died mid-merge leaves MERGE_HEAD behind; that merge will never finish.
    await abortMergeInProgress(ctx, worktree.path);
    const before = await isClean(ctx, worktree.path);
    if (!before.clean) {
      throw new WorkspaceError(
        "run_worktree_dirty",
        `the run worktree ${worktree.path} has changes no merge explains: ${before.files.map((f) => f.path).join(", ")}`,
        { path: worktree.path },
      );
    }
    const beforeSha = (await run(["rev-parse", "HEAD"])).stdout.trim();
    const itemName = itemRef.replace(/^refs\/heads\//, "");
    const message = options.message ?? `Merge branch '${itemName}' into ${worktree.branch}`;
    const hooks = ctx.config.commitHooks === false ? ["--no-verify"] : [];

    // --no-ff keeps each item visible as its own merge even when the run branch has not moved.
    // Only index.lock is retried: a merge that failed on a ref lock has already changed files.
    const merged = await ctx.git.run(["merge", "--no-ff", "--no-edit", ...hooks, "-m", message, itemRef], {
      cwd: worktree.path,
      allowFailure: true,
      retryOnLock: "index",
    });

    if (merged.exitCode === 0) {
      const sha = (await run(["rev-parse", "HEAD"])).stdout.trim();
      if (sha === beforeSha) return { ok: true, sha, alreadyMerged: true, files: [] };
      const diff = await run(["diff", "--name-only", "--no-renames", "-z", beforeSha, sha]);
      return { ok: true, sha, alreadyMerged: false, files: splitNul(diff.stdout) };
    }

    const unmerged = await run(["diff", "--name-only", "--diff-filter=U", "-z"]);
    const conflicts = [...new Set(splitNul(unmerged.stdout))];
    await restore(ctx, worktree.path, beforeSha);
    if (conflicts.length > 0) return { ok: false, code: "merge_conflict", files: conflicts, sha: beforeSha };
    throw gitFailure(["merge", itemRef], merged);
  });
}

async function abortMergeInProgress(ctx: WorkspaceContext, worktree: string): Promise<void> {
  const head = await ctx.git.run(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"], {
    cwd: worktree,
    allowFailure: true,
  });
  if (head.exitCode === 0) await ctx.git.run(["merge", "--abort"], { cwd: worktree });
}

/**
 * Puts the run worktree back exactly at `sha`. It was clean before the merge and only Specwave
 * writes there, so anything left after `merge --abort` is debris of the failed merge.
 */
async function restore(ctx: WorkspaceContext, worktree: string, sha: string): Promise<void> {
  await abortMergeInProgress(ctx, worktree);
  if ((await isClean(ctx, worktree)).clean) return;
  await ctx.git.run(["reset", "--hard", "--quiet", sha], { cwd: worktree });
  await ctx.git.run(["clean", "-d", "--force", "--quiet"], { cwd: worktree });
}

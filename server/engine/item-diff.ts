import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { type CommitDiff, readCommitDiff } from "../workspace/commit-diff";
import { isWorkspaceError } from "../workspace/errors";

/**
 * The files an item's commit changed, with their patches, read from the project's repository
 * (item worktrees come and go; their commits live on in the repository). The commit is the one
 * the verify step recorded when the item's tests passed; before that there is nothing to show.
 */
export async function getItemDiff(db: Db, runId: string, key: string): Promise<CommitDiff> {
  const story = await db.story.findUnique({
    where: { runId_key: { runId, key } },
    select: {
      steps: { where: { kind: "verify" }, select: { result: true } },
      run: { select: { project: { select: { workspacePath: true } } } },
    },
  });
  if (!story) throw new AppError("not_found", `Run ${runId} has no item ${key}.`);
  const commit = story.steps
    .map((step) => (step.result as { commit?: unknown } | null)?.commit)
    .find((value): value is string => typeof value === "string" && value.length > 0);
  if (!commit) throw new AppError("not_found", `Item ${key} has no commit yet.`);
  try {
    return await readCommitDiff(story.run.project.workspacePath, commit);
  } catch (error) {
    if (isWorkspaceError(error, "git_failed"))
      throw new AppError(
        "not_found",
        `Item ${key}'s commit ${commit} cannot be read from the project's repository.`,
      );
    throw error;
  }
}

/**
 * One commit per completed item, in Conventional Commits form, made in the item's own worktree.
 * Runs without the repository lock: each worktree has its own index and the item's branch is its
 * own, so parallel items commit in parallel (the runner retries if git's lock files collide).
 */
import { lstat } from "node:fs/promises";
import path from "node:path";
import type { WorkspaceContext } from "./context";
import { WorkspaceError } from "./errors";
import { splitNul } from "./git-runner";
import { parseItemBranch, runBranchName } from "./names";
import { resolveInside } from "./paths";

export const COMMIT_TYPES = [
  "feat",
  "fix",
  "test",
  "docs",
  "refactor",
  "perf",
  "build",
  "ci",
  "chore",
  "style",
  "revert",
] as const;

export type CommitType = (typeof COMMIT_TYPES)[number];

export interface CommitItemInput {
  type: CommitType;
  /** The spec's short name; becomes the scope. */
  spec: string;
  itemId: string;
  title: string;
  /**
   * Only these paths (relative to the worktree, checked to stay inside it) go into the commit;
   * anything else changed stays uncommitted, so the clean-worktree gate reports it. Without
   * `files`, every change in the worktree is committed.
   */
  files?: string[];
}

export type CommitItemResult =
  | {
      ok: true;
      sha: string;
      message: string;
      files: string[];
      /** Commits the agent made on the item branch by itself, folded into this one. */
      squashed: number;
    }
  /** Nothing changed (or none of `files` did). Not an error: the caller decides what it means for the item. */
  | { ok: false; code: "empty_change"; message: string; squashed: number };

/** `<type>(<spec>): task <id> - <title>`, on one line whatever the spec's text holds. */
export function formatCommitMessage(
  input: Pick<CommitItemInput, "type" | "spec" | "itemId" | "title">,
): string {
  if (!(COMMIT_TYPES as readonly string[]).includes(input.type)) {
    throw new WorkspaceError(
      "invalid_commit",
      `commit type ${JSON.stringify(input.type)} is not one of ${COMMIT_TYPES.join(", ")}`,
    );
  }
  // A scope is a noun: parentheses, colons or spaces in it would break commit parsers.
  const scope = input.spec.replace(/[^A-Za-z0-9._/-]+/g, "-").replace(/^-+|-+$/g, "");
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
  const itemId = oneLine(input.itemId);
  const title = oneLine(input.title);
  for (const [name, value] of [
    ["spec", scope],
    ["itemId", itemId],
    ["title", title],
  ] as const) {
    if (value === "") throw new WorkspaceError("invalid_commit", `commit ${name} is empty`);
  }
  return `${input.type}(${scope}): task ${itemId} - ${title}`;
}

export async function commitItem(
  ctx: WorkspaceContext,
  worktree: string,
  input: CommitItemInput,
): Promise<CommitItemResult> {
  const message = formatCommitMessage(input);
  const run = (args: string[]) => ctx.git.run(args, { cwd: worktree });
  // Validated before anything changes, so a rejected path leaves the worktree as it was.
  const paths = input.files ? await checkedPaths(ctx, worktree, input.files) : null;
  if (paths?.length === 0) return { ok: false, code: "empty_change", message, squashed: 0 };

  // Some agents commit on their own (Aider does by default). The item is still one commit:
  // fold theirs back into the index and commit once, on top of where the item started.
  const base = await itemBase(ctx, worktree);
  const squashed = base ? Number((await run(["rev-list", "--count", `${base}..HEAD`])).stdout.trim()) : 0;
  if (base && squashed > 0) await run(["reset", "--soft", "--quiet", base]);

  if (paths) {
    // Start from HEAD's index so things the agent staged by itself do not slip into the commit.
    await run(["reset", "--quiet"]);
    // Literal pathspecs: a file named `*.ts` from a spec must not match every TypeScript file.
    await run(["--literal-pathspecs", "add", "--all", "--", ...paths]);
  } else {
    await run(["add", "--all"]);
  }

  const staged = await run(["diff", "--cached", "--name-only", "--no-renames", "-z"]);
  if (splitNul(staged.stdout).length === 0) return { ok: false, code: "empty_change", message, squashed };

  const hooks = ctx.config.commitHooks === false ? ["--no-verify"] : [];
  await run(["commit", "--quiet", "--no-edit", ...hooks, "-m", message]);
  const sha = (await run(["rev-parse", "HEAD"])).stdout.trim();
  // Read back from the commit itself: a hook may have changed what was staged.
  const changed = await run(["diff-tree", "--no-commit-id", "--name-only", "--no-renames", "-r", "-z", sha]);
  return { ok: true, sha, message, files: splitNul(changed.stdout), squashed };
}

/**
 * Where an item branch left its run branch, or null for a worktree that is not on a Specwave
 * item branch (then commits are never rewritten).
 */
async function itemBase(ctx: WorkspaceContext, worktree: string): Promise<string | null> {
  const head = await ctx.git.run(["symbolic-ref", "--quiet", "HEAD"], { cwd: worktree, allowFailure: true });
  let runId: string;
  try {
    runId = parseItemBranch(head.stdout.trim()).runId;
  } catch {
    return null;
  }
  const base = await ctx.git.run(["merge-base", "HEAD", `refs/heads/${runBranchName(runId)}`], {
    cwd: worktree,
    allowFailure: true,
  });
  return base.exitCode === 0 ? base.stdout.trim() : null;
}

/**
 * Paths relative to the worktree, each checked to stay inside it and to exist on disk or in the
 * index (a deleted tracked file is a change; a file the agent only claimed is not).
 */
async function checkedPaths(ctx: WorkspaceContext, worktree: string, files: string[]): Promise<string[]> {
  const relative: string[] = [];
  for (const file of files) {
    const absolute = await resolveInside(worktree, file);
    relative.push(path.relative(path.resolve(worktree), absolute) || ".");
  }
  const unique = [...new Set(relative)];
  if (unique.length === 0) return [];
  const tracked = await ctx.git.run(["--literal-pathspecs", "ls-files", "-z", "--", ...unique], {
    cwd: worktree,
  });
  const trackedFiles = splitNul(tracked.stdout);
  const missing: string[] = [];
  for (const file of unique) {
    const onDisk = await lstat(path.join(worktree, file)).then(
      () => true,
      () => false,
    );
    const inIndex = trackedFiles.some((entry) => entry === file || entry.startsWith(`${file}/`));
    if (!onDisk && !inIndex) missing.push(file);
  }
  if (missing.length > 0) {
    throw new WorkspaceError("path_not_found", `not in the worktree: ${missing.join(", ")}`, {
      path: missing[0],
    });
  }
  return unique;
}

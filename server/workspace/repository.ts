/**
 * The repository and the run branch: make a folder usable (the demo workspace starts as a plain
 * folder) and give each run a branch of its own, created without touching any checkout.
 */
import { mkdir, realpath } from "node:fs/promises";
import { DEFAULT_IDENTITY } from "./config";
import { realOrSame, repoInfo, type WorkspaceContext, withRepoLock } from "./context";
import { WorkspaceError } from "./errors";
import { runBranchName } from "./names";

export interface EnsuredRepository {
  /** Real path of the repository's top level. */
  root: string;
  /** True when Specwave ran `git init` here. */
  created: boolean;
  /** The commit Specwave made so that branches have something to start from, if it made one. */
  initialCommit: string | null;
  /** True when Specwave wrote user.name/user.email to the local config. */
  identitySet: boolean;
}

export interface RunBranch {
  branch: string;
  /** Where the branch points now. */
  sha: string;
  /** False when the branch already existed (a resumed run); it is then left as it is. */
  created: boolean;
}

/**
 * Makes `dir` the top level of a repository with at least one commit. A folder inside another
 * repository gets its own nested repository: the demo workspace lives under `.specwave/` in a
 * checkout, and its commits must not land in the surrounding project. A repository made ready
 * once is not asked again while it is the same repository on disk (`KnownRepos`).
 */
export async function ensureRepository(ctx: WorkspaceContext, dir: string): Promise<EnsuredRepository> {
  await mkdir(dir, { recursive: true });
  const root = await realpath(dir);
  if (await ctx.known.isReady(root)) return { root, created: false, initialCommit: null, identitySet: false };
  // Keyed by the folder: before `git init` there is no common dir to key on.
  const ensured = await ctx.lock.withLock(root, async () => {
    const top = await ctx.git.run(["rev-parse", "--show-toplevel"], { cwd: root, allowFailure: true });
    const isOwnRepository = top.exitCode === 0 && (await realOrSame(top.stdout.trim())) === root;
    if (!isOwnRepository) await ctx.git.run(["init", "--quiet", "--initial-branch=main"], { cwd: root });

    const identitySet = await ensureIdentity(ctx, root);

    let initialCommit: string | null = null;
    const head = await ctx.git.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], {
      cwd: root,
      allowFailure: true,
    });
    if (head.exitCode !== 0) {
      // A folder we just turned into a repository: its files are the project, so they go in the
      // first commit (worktrees check out commits, not folders). In a repository someone else
      // created, their uncommitted files stay theirs and the first commit is empty.
      if (!isOwnRepository) await ctx.git.run(["add", "--all"], { cwd: root });
      await ctx.git.run(
        [
          "commit",
          "--quiet",
          "--allow-empty",
          "--no-verify",
          "-m",
          "chore: initialise workspace for Specwave",
        ],
        { cwd: root },
      );
      initialCommit = (await ctx.git.run(["rev-parse", "HEAD"], { cwd: root })).stdout.trim();
    }
    return { root, created: !isOwnRepository, initialCommit, identitySet };
  });
  await ctx.known.rememberReady(root);
  return ensured;
}

/** Writes the configured identity locally for whichever of name/email git cannot find. */
async function ensureIdentity(ctx: WorkspaceContext, root: string): Promise<boolean> {
  const identity = ctx.config.identity ?? DEFAULT_IDENTITY;
  let set = false;
  for (const [key, value] of [
    ["user.name", identity.name],
    ["user.email", identity.email],
  ] as const) {
    const current = await ctx.git.run(["config", "--get", key], { cwd: root, allowFailure: true });
    if (current.exitCode === 0 && current.stdout.trim() !== "") continue;
    await ctx.git.run(["config", "--local", key, value], { cwd: root });
    set = true;
  }
  return set;
}

/**
 * Creates `specwave/run-<id>` at `baseRef` (default HEAD) as a bare ref update: no checkout is
 * switched, so the user's working copy is never touched. Idempotent for a resumed run.
 */
export async function createRunBranch(
  ctx: WorkspaceContext,
  repo: string,
  runId: string,
  baseRef = "HEAD",
): Promise<RunBranch> {
  const branch = runBranchName(runId);
  // Every step and gate of a run asks for it after the first: reading a ref needs no lock.
  const made = await resolveCommit(ctx, (await repoInfo(ctx, repo)).topLevel, `refs/heads/${branch}`);
  if (made) return { branch, sha: made, created: false };
  return withRepoLock(ctx, repo, async ({ topLevel }) => {
    const existing = await resolveCommit(ctx, topLevel, `refs/heads/${branch}`);
    if (existing) return { branch, sha: existing, created: false };
    const base = await resolveCommit(ctx, topLevel, baseRef);
    if (!base) {
      throw new WorkspaceError(
        "ref_not_found",
        `base ref ${JSON.stringify(baseRef)} is not a commit in ${topLevel}`,
      );
    }
    // The empty old value makes git refuse if another process created the branch meanwhile.
    await ctx.git.run(
      ["update-ref", "-m", `specwave: create run branch from ${baseRef}`, `refs/heads/${branch}`, base, ""],
      {
        cwd: topLevel,
      },
    );
    return { branch, sha: base, created: true };
  });
}

/** The commit a ref names, or null. `--end-of-options` keeps a ref like `--foo` from being a flag. */
export async function resolveCommit(ctx: WorkspaceContext, cwd: string, ref: string): Promise<string | null> {
  const result = await ctx.git.run(
    ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`],
    {
      cwd,
      allowFailure: true,
    },
  );
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

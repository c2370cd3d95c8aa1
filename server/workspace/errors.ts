/**
 * One error type for the workspace library. `code` is stable and is what callers branch on;
 * the message is for people and may change.
 *
 * Expected outcomes of normal work (an empty change, a merge conflict, a dirty worktree) are NOT
 * errors: they come back as discriminated results. WorkspaceError is for misuse, unsafe input and
 * git failing in a way Specwave cannot handle.
 */

export type WorkspaceErrorCode =
  /** A run id or item id that cannot become a branch or folder name. */
  | "invalid_id"
  /** A branch name that is not one of Specwave's (`specwave/run-<id>`, `specwave/items/...`). */
  | "invalid_branch"
  /** A ref (base ref, branch) that does not resolve to a commit. */
  | "ref_not_found"
  /** The folder is not inside a git work tree (or it is a bare repository). */
  | "not_a_repository"
  /** The folder to use as a workspace does not exist or is not a directory. */
  | "root_not_found"
  /** A spec path that is absolute. */
  | "path_absolute"
  /** A spec path with `..` that leaves the workspace, or a symlink that resolves outside it. */
  | "path_escape"
  /** A spec path containing a NUL byte. */
  | "path_nul"
  /** An empty spec path. */
  | "path_empty"
  /** A spec path that points into `.git`, where writing a hook would run code. */
  | "path_git_dir"
  /** A path named for a commit exists neither on disk nor in the index. */
  | "path_not_found"
  /** A Conventional Commits field that cannot be used (unknown type, empty title). */
  | "invalid_commit"
  /** A folder Specwave wants for a worktree is taken by something else. */
  | "worktree_conflict"
  /** The run branch's worktree has changes no merge left there; Specwave will not discard them. */
  | "run_worktree_dirty"
  /** The branch is checked out elsewhere (for example in the user's own checkout). */
  | "branch_checked_out"
  /** Git has no author identity for the commit. */
  | "identity_missing"
  /** A Specwave repository lock (see createFileRepoLock) was not acquired in time. */
  | "lock_timeout"
  /** A git lock file stayed held after every retry. */
  | "git_locked"
  /** The git binary could not be started. */
  | "git_not_found"
  /** Git took longer than the configured timeout. */
  | "git_timeout"
  /** Any other git failure; `stderr` says what happened. */
  | "git_failed";

export interface WorkspaceErrorDetails {
  /** The path the error is about, as the caller gave it. */
  path?: string;
  /** The git arguments that failed (no shell is involved, so this is exactly what ran). */
  args?: readonly string[];
  stderr?: string;
  exitCode?: number;
  cause?: unknown;
}

export class WorkspaceError extends Error {
  readonly code: WorkspaceErrorCode;
  readonly path?: string;
  readonly args?: readonly string[];
  readonly stderr?: string;
  readonly exitCode?: number;

  constructor(code: WorkspaceErrorCode, message: string, details: WorkspaceErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "WorkspaceError";
    this.code = code;
    this.path = details.path;
    this.args = details.args;
    this.stderr = details.stderr;
    this.exitCode = details.exitCode;
  }
}

export function isWorkspaceError(error: unknown, code?: WorkspaceErrorCode): error is WorkspaceError {
  return error instanceof WorkspaceError && (code === undefined || error.code === code);
}

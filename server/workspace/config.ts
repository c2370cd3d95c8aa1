/**
 * Configuration injected into the workspace library. Nothing here is read from `process.env`:
 * the server parses its environment once and passes what it needs.
 */
import type { RepoLock } from "./repo-lock";

export interface GitRetryPolicy {
  /** Total tries of one git command when another process holds a git lock file. */
  attempts: number;
  /** First wait; doubles each time, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface GitIdentity {
  name: string;
  email: string;
}

export interface WorkspaceConfig {
  /** The git executable; default `git` from PATH. */
  gitBinary?: string;
  /**
   * Extra environment for git, on top of the server's own. Tests use it to point
   * `GIT_CONFIG_GLOBAL` at an empty file so the machine's config cannot change results.
   */
  env?: Record<string, string | undefined>;
  /**
   * Where item and run worktrees live: `<root>/<run id>/<item>`. Default:
   * `<git common dir>/specwave-worktrees`, which is inside `.git`, so worktrees never show up
   * in the user's `git status` and are removed with the repository.
   */
  worktreeRoot?: string;
  /** Written to the repository's local config by `ensureRepository` when git has none. */
  identity?: GitIdentity;
  /** Run the team's commit hooks (pre-commit, commit-msg, pre-merge-commit). Default true. */
  commitHooks?: boolean;
  /** Default: an in-process mutex per repository. */
  lock?: RepoLock;
  retry?: Partial<GitRetryPolicy>;
  /** Kills a git command that runs longer than this. Default 120 s. */
  gitTimeoutMs?: number;
}

export const DEFAULT_IDENTITY: GitIdentity = { name: "Specwave", email: "specwave@localhost" };

export const DEFAULT_RETRY: GitRetryPolicy = { attempts: 8, baseDelayMs: 50, maxDelayMs: 2_000 };

export const DEFAULT_GIT_TIMEOUT_MS = 120_000;

/**
 * The only place that starts git. Always the real binary, never through a shell, with arguments
 * as an array, so names from a spec can never become shell syntax.
 */
import { stat } from "node:fs/promises";
import { execa } from "execa";
import { DEFAULT_GIT_TIMEOUT_MS, DEFAULT_RETRY, type GitRetryPolicy, type WorkspaceConfig } from "./config";
import { WorkspaceError } from "./errors";

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Which lock-file failures to retry. `index` is for commands that are unsafe to repeat after a ref update failed. */
export type LockRetry = "any" | "index" | "none";

export interface GitRunOptions {
  cwd: string;
  /** Return a non-zero exit instead of throwing (the caller reads the output, e.g. a merge conflict). */
  allowFailure?: boolean;
  retryOnLock?: LockRetry;
  env?: Record<string, string | undefined>;
}

export interface GitRunner {
  run(args: readonly string[], options: GitRunOptions): Promise<GitResult>;
  /**
   * Retries a whole idempotent operation when one of its git commands lost a race with another
   * process. For commands that change several things (`worktree add` creates the branch, then
   * the worktree), repeating the single command is wrong; re-checking the state and carrying on
   * from there is right.
   */
  retrying<T>(operation: () => Promise<T>): Promise<T>;
}

// Flags for every command. Automatic gc/maintenance would take repository-wide locks in the
// middle of parallel items; colour and pagers only get in the way of parsing.
const GLOBAL_FLAGS = [
  "-c",
  "gc.auto=0",
  "-c",
  "maintenance.auto=false",
  "-c",
  "color.ui=false",
  "--no-pager",
];

// Variables git sets for hooks. If the server itself runs under a hook (or a parent exported
// them), they would silently redirect every command to another repository or index.
const INHERITED_GIT_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_COMMON_DIR",
  "GIT_PREFIX",
  "GIT_NAMESPACE",
];

/**
 * Classifies failures caused by another git process working at the same moment. Only
 * `File exists` lock failures count: other `cannot lock ref` messages (a ref that moved, a name
 * clash) will never succeed on retry. `worktree` is another process half-way through
 * `git worktree add`, whose metadata folder exists before its files do.
 */
export function lockContention(stderr: string): "index" | "ref" | "worktree" | null {
  const match =
    /Unable to create '([^']*\.lock)': File exists/i.exec(stderr) ??
    /could not lock config file ([^:]*): File exists/i.exec(stderr);
  if (match) return /(^|[\\/])index\.lock$/.test(match[1] ?? "") ? "index" : "ref";
  if (/failed to read .*worktrees[\\/][^\n]*[\\/](commondir|gitdir|HEAD)\b/i.test(stderr)) return "worktree";
  return null;
}

/** Exponential backoff with full jitter, so workers that collided do not collide again in step. */
export function backoffDelay(
  attempt: number,
  policy: GitRetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGitRunner(config: WorkspaceConfig = {}): GitRunner {
  const binary = config.gitBinary ?? "git";
  const policy: GitRetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const timeout = config.gitTimeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const baseEnv: Record<string, string | undefined> = {};
  for (const name of INHERITED_GIT_VARIABLES) baseEnv[name] = undefined;
  Object.assign(baseEnv, config.env, {
    // Error messages are matched (conflicts, lock files), so they must not be translated.
    LC_ALL: "C",
    LANGUAGE: "C",
    // Never wait for a password or an editor: there is nobody at the terminal.
    GIT_TERMINAL_PROMPT: "0",
    GIT_EDITOR: "true",
    GIT_MERGE_AUTOEDIT: "no",
  });

  async function once(args: readonly string[], options: GitRunOptions): Promise<GitResult> {
    const fullArgs = [...GLOBAL_FLAGS, ...args];
    const result = await execa(binary, fullArgs, {
      cwd: options.cwd,
      env: { ...baseEnv, ...options.env },
      reject: false,
      stdin: "ignore",
      timeout,
      stripFinalNewline: false,
    });
    if (result.timedOut) {
      throw new WorkspaceError("git_timeout", `git ${commandName(args)} took longer than ${timeout} ms`, {
        args,
      });
    }
    if (result.exitCode === undefined) {
      // Node reports a missing working directory as ENOENT too, which is not a missing git.
      if (!(await isDirectory(options.cwd))) {
        throw new WorkspaceError("root_not_found", `folder ${options.cwd} does not exist`, {
          path: options.cwd,
        });
      }
      const code = result.code === "ENOENT" ? "git_not_found" : "git_failed";
      throw new WorkspaceError(code, `could not run ${binary}: ${result.shortMessage}`, {
        args,
        cause: result.cause,
      });
    }
    return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode };
  }

  return {
    async retrying(operation) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await operation();
        } catch (error) {
          // git_locked means a command already used up its own retries; do not multiply them.
          const raced =
            error instanceof WorkspaceError &&
            error.code !== "git_locked" &&
            lockContention(error.stderr ?? "") !== null;
          if (!raced || attempt + 1 >= policy.attempts) throw error;
          await sleep(backoffDelay(attempt, policy));
        }
      }
    },
    async run(args, options) {
      const retryOn = options.retryOnLock ?? "any";
      for (let attempt = 0; ; attempt++) {
        const result = await once(args, options);
        if (result.exitCode === 0) return result;
        const contention = lockContention(result.stderr);
        const retryable =
          contention !== null && (retryOn === "any" || (retryOn === "index" && contention === "index"));
        if (retryable && attempt + 1 < policy.attempts) {
          await sleep(backoffDelay(attempt, policy));
          continue;
        }
        if (contention !== null && retryable) {
          throw new WorkspaceError(
            "git_locked",
            `git ${commandName(args)}: a lock file stayed held: ${firstLine(result.stderr)}`,
            {
              args,
              stderr: result.stderr,
              exitCode: result.exitCode,
            },
          );
        }
        if (options.allowFailure) return result;
        throw gitFailure(args, result);
      }
    },
  };
}

export function gitFailure(args: readonly string[], result: GitResult): WorkspaceError {
  const identity = /Please tell me who you are|unable to auto-detect email address|empty ident name/i;
  const code = identity.test(result.stderr)
    ? "identity_missing"
    : /not a git repository/i.test(result.stderr)
      ? "not_a_repository"
      : "git_failed";
  return new WorkspaceError(
    code,
    `git ${commandName(args)} failed (exit ${result.exitCode}): ${firstLine(result.stderr)}`,
    {
      args,
      stderr: result.stderr,
      exitCode: result.exitCode,
    },
  );
}

/** The subcommand, for messages: `--literal-pathspecs add ...` is an `add`. */
function commandName(args: readonly string[]): string {
  return args.find((arg) => !arg.startsWith("-")) ?? "(no command)";
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? "(no output)"
  );
}

/** Splits `-z` output into records, dropping the empty tail after the last NUL. */
export function splitNul(output: string): string[] {
  const parts = output.split("\0");
  if (parts.at(-1) === "") parts.pop();
  return parts;
}

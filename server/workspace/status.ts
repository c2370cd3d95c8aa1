/**
 * The clean-worktree gate: a wave passes only when nothing is left uncommitted. Ignored files
 * (per the project's .gitignore) do not count; untracked ones do, listed one by one.
 */
import type { WorkspaceContext } from "./context";
import { splitNul } from "./git-runner";

export interface DirtyFile {
  path: string;
  /** The two-letter `git status --porcelain` code, e.g. ` M`, `A `, `??`, `UU`. */
  code: string;
  /** For renames and copies: where the file came from. */
  from?: string;
}

export type WorktreeStatus = { clean: true; files: [] } | { clean: false; files: DirtyFile[] };

export async function isClean(ctx: WorkspaceContext, worktree: string): Promise<WorktreeStatus> {
  const result = await ctx.git.run(
    ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=none"],
    {
      cwd: worktree,
      // A read must not take index.lock: status would otherwise refresh the index and make a
      // concurrent commit in the same worktree fail.
      env: { GIT_OPTIONAL_LOCKS: "0" },
    },
  );
  const files = parseStatusZ(result.stdout);
  return files.length === 0 ? { clean: true, files: [] } : { clean: false, files };
}

/** `XY path\0`, and for renames/copies `XY new\0old\0`. */
export function parseStatusZ(output: string): DirtyFile[] {
  const fields = splitNul(output);
  const files: DirtyFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    const code = field.slice(0, 2);
    const file: DirtyFile = { path: field.slice(3), code };
    if (code.includes("R") || code.includes("C")) {
      i++;
      file.from = fields[i];
    }
    files.push(file);
  }
  return files;
}

/** Parses `git worktree list --porcelain -z` (git 2.36+), so paths with newlines cannot confuse it. */
import { splitNul } from "./git-runner";

export interface WorktreeEntry {
  path: string;
  head: string | null;
  /** Full ref name (`refs/heads/...`), or null when detached or bare. */
  branch: string | null;
  bare: boolean;
  locked: boolean;
  /** Its folder is gone; `git worktree prune` would drop it. */
  prunable: boolean;
}

export function parseWorktreeList(output: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  let current: WorktreeEntry | null = null;
  for (const field of splitNul(output)) {
    // An empty field ends one worktree's record.
    if (field === "") {
      if (current) entries.push(current);
      current = null;
      continue;
    }
    const space = field.indexOf(" ");
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? "" : field.slice(space + 1);
    if (key === "worktree") {
      if (current) entries.push(current);
      current = { path: value, head: null, branch: null, bare: false, locked: false, prunable: false };
      continue;
    }
    if (!current) continue;
    if (key === "HEAD") current.head = value;
    else if (key === "branch") current.branch = value;
    else if (key === "bare") current.bare = true;
    else if (key === "locked") current.locked = true;
    else if (key === "prunable") current.prunable = true;
  }
  if (current) entries.push(current);
  return entries;
}

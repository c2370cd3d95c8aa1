import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import type { EvidenceError } from "./types";

export type PathStatus = "present" | "missing" | "rejected";

export interface PathCheck {
  /** The path as the spec or the agent wrote it. */
  path: string;
  status: PathStatus;
  /** Why a path was rejected or is missing, in words a PM can read. */
  reason?: string;
}

/**
 * Where a workspace-relative path really lives, or why we refuse to look at it. Paths come from
 * uploaded specs and from agents, so `..`, absolute paths and symbolic links that lead outside the
 * workspace are refused rather than resolved: evidence must never read (or vouch for) a file
 * outside the item's own workspace.
 */
export async function resolveInWorkspace(
  workspaceDir: string,
  relativePath: string,
): Promise<{ ok: true; absolute: string; exists: boolean } | { ok: false; error: EvidenceError }> {
  const reject = (message: string) => ({
    ok: false as const,
    error: { code: "outside_workspace" as const, message, file: relativePath },
  });
  if (relativePath.trim() === "" || relativePath.includes("\0"))
    return reject("the path is empty or malformed");
  if (path.posix.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath)) {
    return reject("absolute paths are not allowed; paths must be relative to the workspace");
  }
  if (relativePath.split(/[\\/]+/).includes("..")) return reject("paths may not contain '..'");

  let root: string;
  try {
    root = await realpath(workspaceDir);
  } catch {
    return {
      ok: false,
      error: { code: "not_found", message: "the workspace does not exist", file: workspaceDir },
    };
  }
  const candidate = path.join(root, relativePath);
  try {
    await lstat(candidate);
  } catch {
    return { ok: true, absolute: candidate, exists: false };
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    // A symbolic link to nothing: there is no file to show.
    return { ok: true, absolute: candidate, exists: false };
  }
  if (real !== root && !real.startsWith(`${root}${path.sep}`)) {
    return reject("the path is a symbolic link (or goes through one) that leads outside the workspace");
  }
  return { ok: true, absolute: real, exists: true };
}

/** Checks each path exists inside the workspace; never throws. */
export async function checkWorkspacePaths(workspaceDir: string, paths: string[]): Promise<PathCheck[]> {
  return Promise.all(
    paths.map(async (p): Promise<PathCheck> => {
      const resolved = await resolveInWorkspace(workspaceDir, p);
      if (!resolved.ok) return { path: p, status: "rejected", reason: resolved.error.message };
      return resolved.exists
        ? { path: p, status: "present" }
        : { path: p, status: "missing", reason: "no such file in the workspace" };
    }),
  );
}

/**
 * Keeps paths named by a spec (expected outputs, test files, files to commit) inside the
 * workspace. A spec is uploaded text, so its paths are hostile until checked.
 *
 * The check follows symlinks the way the operating system would (including `..` inside a link's
 * target and links whose target does not exist yet), so a link planted in the workspace cannot
 * redirect a write outside it. It is a check at one moment: an agent able to swap a folder for a
 * link afterwards is outside what a path check can stop.
 */
import { lstat, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { WorkspaceError } from "./errors";

// Same bound as the kernel's ELOOP, so a link cycle fails instead of spinning.
const MAX_LINK_EXPANSIONS = 40;

/**
 * Returns the absolute path of `relPath` under `root` after checking that it, and whatever its
 * symlinks resolve to, stays inside `root`. Throws a WorkspaceError naming the path otherwise.
 */
export async function resolveInside(root: string, relPath: string): Promise<string> {
  const reject = (
    code: "path_nul" | "path_empty" | "path_absolute" | "path_escape" | "path_git_dir",
    why: string,
  ) => new WorkspaceError(code, `path ${JSON.stringify(relPath)} ${why}`, { path: relPath });

  if (relPath.includes("\0")) throw reject("path_nul", "contains a NUL byte");
  if (relPath.trim() === "") throw reject("path_empty", "is empty");
  // win32.isAbsolute also catches `C:\x` and `\\server\share`, which a spec written on Windows may hold.
  if (path.isAbsolute(relPath) || path.win32.isAbsolute(relPath)) {
    throw reject("path_absolute", "is absolute; spec paths must be relative to the workspace");
  }

  const lexicalRoot = path.resolve(root);
  const target = path.resolve(lexicalRoot, relPath);
  const relative = path.relative(lexicalRoot, target);
  if (!isInside(lexicalRoot, target)) throw reject("path_escape", "leaves the workspace through '..'");

  const segments = relative === "" ? [] : relative.split(path.sep);
  // Writing into .git (hooks, config) would let a spec run code on the next git command.
  if (segments.some((segment) => segment.toLowerCase() === ".git")) {
    throw reject("path_git_dir", "points into .git");
  }

  const realRoot = await realDirectory(lexicalRoot);
  const landed = await followLikeTheKernel(realRoot, segments);
  if (landed === null) throw reject("path_escape", "has a symlink loop");
  if (!isInside(realRoot, landed)) {
    throw reject("path_escape", `resolves through a symlink to ${landed}, outside the workspace`);
  }
  return target;
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative === "" ||
    (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

async function realDirectory(dir: string): Promise<string> {
  try {
    const real = await realpath(dir);
    if ((await stat(real)).isDirectory()) return real;
  } catch {
    // Reported below with the same error as "not a directory".
  }
  throw new WorkspaceError("root_not_found", `workspace ${dir} does not exist or is not a folder`, {
    path: dir,
  });
}

/**
 * Where the kernel would land walking `segments` from `start`: each existing symlink is expanded
 * in place (its target's `..` applied to the real folder holding it); walking stops at the first
 * component that does not exist, since nothing below it can be a link yet. Null on a link loop.
 */
async function followLikeTheKernel(start: string, segments: string[]): Promise<string | null> {
  const pending = [...segments];
  let current = start;
  let expansions = 0;
  while (pending.length > 0) {
    const segment = pending.shift() as string;
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, segment);
    let isLink: boolean;
    try {
      isLink = (await lstat(next)).isSymbolicLink();
    } catch {
      // Missing (or a file used as a folder): the rest cannot contain links, so it lands lexically.
      return path.resolve(next, ...pending);
    }
    if (!isLink) {
      current = next;
      continue;
    }
    if (++expansions > MAX_LINK_EXPANSIONS) return null;
    const linkText = await readlink(next);
    if (path.isAbsolute(linkText)) current = path.parse(linkText).root;
    // Only "/" separates on POSIX; a backslash there is an ordinary file-name character.
    pending.unshift(...linkText.split(path.sep === "/" ? "/" : /[\\/]/));
  }
  return current;
}

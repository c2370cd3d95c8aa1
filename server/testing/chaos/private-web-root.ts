import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, realpath, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * A folder the web process can run from, with its own copy of the dashboard's production build.
 * Everything else links to the checkout. Other people rebuild `.next` in the shared checkout at
 * any time (a build empties it first), which would kill or break a web process started on it in
 * the middle of a test.
 */
const repoRoot = path.resolve(import.meta.dirname, "../../..");

export interface PrivateWebRoot {
  dir: string;
  remove(): Promise<void>;
}

const buildIdOf = async (dir: string) =>
  existsSync(path.join(dir, "BUILD_ID")) ? (await readFile(path.join(dir, "BUILD_ID"), "utf8")).trim() : null;

export async function createPrivateWebRoot(timeoutMs = 180_000): Promise<PrivateWebRoot> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "specwave-chaos-web-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (const entry of await readdir(repoRoot)) {
      if (entry === ".next" || entry === ".specwave") continue;
      await symlink(path.join(repoRoot, entry), path.join(dir, entry));
    }
    // The real folder: `.next` may itself be a link, which cp would copy as a link.
    const build = await realpath(path.join(repoRoot, ".next")).catch(() => path.join(repoRoot, ".next"));
    await copyFinishedBuild(build, path.join(dir, ".next"), timeoutMs);
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Copies the build once it is complete, again if a new build started while copying. */
async function copyFinishedBuild(source: string, target: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = await buildIdOf(source);
    if (before) {
      await rm(target, { recursive: true, force: true });
      const copied = await cp(source, target, {
        recursive: true,
        filter: (from) => !from.startsWith(path.join(source, "cache")),
      }).then(
        () => true,
        () => false,
      );
      if (copied && (await buildIdOf(source)) === before && (await buildIdOf(target)) === before) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`no finished production build of the dashboard in ${source} (run \`npx next build\`)`);
}

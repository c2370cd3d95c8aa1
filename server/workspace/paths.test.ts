import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWorkspaceError } from "./errors";
import { isInside, resolveInside } from "./paths";

// Real folders and symlinks, no git: the check is about what the filesystem would do.
let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), "specwave-paths-")));
  root = path.join(base, "workspace");
  outside = path.join(base, "outside");
  await mkdir(path.join(root, "src", "deep"), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(root, "src", "a.ts"), "");
  await writeFile(path.join(outside, "secret.txt"), "");
  await symlink(outside, path.join(root, "out-dir"));
  await symlink(path.join(outside, "secret.txt"), path.join(root, "out-file"));
  await symlink("../../outside/not-yet", path.join(root, "dangling-out"));
  await symlink("src/not-yet.ts", path.join(root, "dangling-in"));
  await symlink("src", path.join(root, "src-link"));
  await symlink("deep/../../../outside", path.join(root, "src", "dotdot-link"));
  await symlink("loop-b", path.join(root, "loop-a"));
  await symlink("loop-a", path.join(root, "loop-b"));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function rejection(relPath: string, workspace = root) {
  try {
    await resolveInside(workspace, relPath);
  } catch (error) {
    if (isWorkspaceError(error)) return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error(`${relPath} was accepted`);
}

describe("resolveInside", () => {
  it("accepts paths that stay inside, existing or not, and returns them absolute", async () => {
    expect(await resolveInside(root, "src/a.ts")).toBe(path.join(root, "src/a.ts"));
    expect(await resolveInside(root, "src/new/file.ts")).toBe(path.join(root, "src/new/file.ts"));
    expect(await resolveInside(root, "./src//deep/../a.ts")).toBe(path.join(root, "src/a.ts"));
    expect(await resolveInside(root, "src-link/a.ts")).toBe(path.join(root, "src-link/a.ts"));
    expect(await resolveInside(root, "dangling-in")).toBe(path.join(root, "dangling-in"));
    expect(await resolveInside(root, "..hidden")).toBe(path.join(root, "..hidden"));
  });

  it("rejects '..' escapes, naming the path", async () => {
    expect(await rejection("../outside/secret.txt")).toMatchObject({
      code: "path_escape",
      path: "../outside/secret.txt",
    });
    expect((await rejection("src/../../x")).code).toBe("path_escape");
    expect((await rejection("..")).code).toBe("path_escape");
    expect((await rejection("../outside/secret.txt")).message).toContain("../outside/secret.txt");
  });

  it("rejects absolute paths, including Windows forms", async () => {
    expect((await rejection("/etc/passwd")).code).toBe("path_absolute");
    expect((await rejection(path.join(root, "src/a.ts"))).code).toBe("path_absolute");
    expect((await rejection("C:\\Windows\\system.ini")).code).toBe("path_absolute");
    expect((await rejection("\\\\server\\share")).code).toBe("path_absolute");
  });

  it("rejects NUL bytes, empty paths and .git", async () => {
    expect((await rejection("src/a.ts\0.png")).code).toBe("path_nul");
    expect((await rejection("  ")).code).toBe("path_empty");
    expect((await rejection(".git/hooks/pre-commit")).code).toBe("path_git_dir");
    expect((await rejection("sub/.GIT/config")).code).toBe("path_git_dir");
  });

  it("rejects symlinks that resolve outside, even when the target does not exist yet", async () => {
    const viaDir = await rejection("out-dir/secret.txt");
    expect(viaDir.code).toBe("path_escape");
    expect(viaDir.message).toContain("out-dir/secret.txt");
    expect((await rejection("out-dir/new-file.txt")).code).toBe("path_escape");
    expect((await rejection("out-file")).code).toBe("path_escape");
    expect((await rejection("dangling-out")).code).toBe("path_escape");
    expect((await rejection("src/dotdot-link/secret.txt")).code).toBe("path_escape");
    expect((await rejection("loop-a/x")).code).toBe("path_escape");
  });

  it("checks against the real root when the root is given through a symlink", async () => {
    const alias = path.join(base, "alias");
    await symlink(root, alias);
    expect(await resolveInside(alias, "src/a.ts")).toBe(path.join(alias, "src/a.ts"));
    expect((await rejection("out-dir/secret.txt", alias)).code).toBe("path_escape");
  });

  it("fails with root_not_found when the workspace is missing", async () => {
    expect((await rejection("a.ts", path.join(base, "missing"))).code).toBe("root_not_found");
  });
});

describe("isInside", () => {
  it("treats the root itself as inside and siblings with a common prefix as outside", () => {
    expect(isInside("/w/root", "/w/root")).toBe(true);
    expect(isInside("/w/root", "/w/root/a")).toBe(true);
    expect(isInside("/w/root", "/w/root-2/a")).toBe(false);
    expect(isInside("/w/root", "/w")).toBe(false);
  });
});

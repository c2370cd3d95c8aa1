/**
 * Shared by the workspace test files: temp folders removed after the file's tests, and git run
 * with an empty global config so the machine's settings (identity, hooks, signing) cannot change
 * what the tests see.
 */
import { mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll } from "vitest";
import type { WorkspaceConfig } from "./config";
import { createGitWorkspaces, type GitWorkspaces } from "./index";

export interface TestGit {
  ws: GitWorkspaces;
  env: Record<string, string>;
  /** A fresh temp folder (real path), removed after the file's tests. */
  tempDir(label: string): Promise<string>;
  /** Runs git for assertions; returns stdout without the final newline. */
  git(cwd: string, ...args: string[]): Promise<string>;
  /** A repository whose first commit holds `files`. */
  seededRepo(files: Record<string, string>): Promise<string>;
}

export function setupTestGit(config: Omit<WorkspaceConfig, "env"> = {}): TestGit {
  const home = realpathSync(mkdtempSync(path.join(os.tmpdir(), "specwave-ws-home-")));
  const created: string[] = [home];
  afterAll(async () => {
    await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const env = { GIT_CONFIG_GLOBAL: path.join(home, "gitconfig"), GIT_CONFIG_NOSYSTEM: "1", HOME: home };
  writeFileSync(env.GIT_CONFIG_GLOBAL, "");
  const ws = createGitWorkspaces({ ...config, env });

  const tempDir = async (label: string) => {
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), `specwave-ws-${label}-`)));
    created.push(dir);
    return dir;
  };

  const git = async (cwd: string, ...args: string[]) => {
    const result = await execa("git", args, { cwd, env: { ...env, LC_ALL: "C" } });
    return result.stdout;
  };

  const seededRepo = async (files: Record<string, string>) => {
    const dir = await tempDir("repo");
    await writeFiles(dir, files);
    await ws.ensureRepository(dir);
    return dir;
  };

  return { ws, env, tempDir, git, seededRepo };
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
}

import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";

/**
 * The demo project's git workspace, created under the data folder on first use. Parallel stories
 * commit into it from several worker processes, so commits are serialised by the caller's lock.
 */
const identity = ["-c", "user.name=Specwave demo agent", "-c", "user.email=demo-agent@specwave.local"];

export async function ensureDemoRepository(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  if (existsSync(path.join(dir, ".git"))) return;
  await execa("git", ["init", "-q", "-b", "main"], { cwd: dir });
  await fs.writeFile(
    path.join(dir, "README.md"),
    "# Specwave demo workspace\n\nSpecwave's demo agent writes each story's source and tests here.\n",
  );
  await fs.writeFile(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "specwave-demo-workspace", private: true, type: "module", scripts: { test: "node --test" } }, null, 2)}\n`,
  );
  await execa("git", ["add", "-A"], { cwd: dir });
  await execa("git", [...identity, "commit", "-q", "-m", "chore: initial demo workspace"], { cwd: dir });
}

/** One commit for a finished item, Conventional Commits style; returns its sha. */
export async function commitFiles(dir: string, files: string[], message: string): Promise<string | null> {
  if (files.length > 0) await execa("git", ["add", "--", ...files], { cwd: dir });
  const staged = await execa("git", ["diff", "--cached", "--quiet"], { cwd: dir, reject: false });
  if (staged.exitCode === 0) return null;
  await execa("git", [...identity, "commit", "-q", "-m", message], { cwd: dir });
  const head = await execa("git", ["rev-parse", "HEAD"], { cwd: dir });
  return head.stdout.trim();
}

import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";

/**
 * The demo project's git workspace, created under the data folder on first use, with the small
 * check script its gates run. Parallel stories commit into it from several worker processes, so
 * commits are serialised by the caller's lock.
 */
const identity = ["-c", "user.name=Specwave demo agent", "-c", "user.email=demo-agent@specwave.local"];

const checkScript = `// Specwave demo workspace gate: every module must parse (type-check); --lint also
// refuses trailing whitespace.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const lint = process.argv.includes("--lint");
const files = [];
for (const dir of ["src", "test"]) {
  try {
    for (const entry of readdirSync(dir, { recursive: true })) if (String(entry).endsWith(".mjs")) files.push(path.join(dir, String(entry)));
  } catch {}
}
let problems = 0;
for (const file of files) {
  try {
    execFileSync(process.execPath, ["--check", file], { stdio: "pipe" });
  } catch (error) {
    problems++;
    console.error(\`\${file}: \${String(error.stderr || error.message).trim()}\`);
  }
  if (lint) {
    readFileSync(file, "utf8").split("\\n").forEach((line, index) => {
      if (/\\s+$/.test(line)) {
        problems++;
        console.error(\`\${file}:\${index + 1}: trailing whitespace\`);
      }
    });
  }
}
console.log(\`\${files.length} files checked, \${problems} problems\`);
process.exit(problems ? 1 : 0);
`;

const demoFiles: Record<string, string> = {
  "README.md":
    "# Specwave demo workspace\n\nSpecwave's demo agent writes each story's source and tests here.\n",
  "package.json": `${JSON.stringify({ name: "specwave-demo-workspace", private: true, type: "module", scripts: { test: "node --test" } }, null, 2)}\n`,
  ".gitignore": ".specwave-reports/\nnode_modules/\n",
  "scripts/check.mjs": checkScript,
};

/**
 * True when the demo workspace has every file and its first commit (the branch's ref appears
 * only when that commit is made, after the files): nothing to set up. False sends the caller
 * through the set-up, which checks everything under its lock.
 */
export function demoRepositoryComplete(dir: string): boolean {
  return [".git/refs/heads/main", ...Object.keys(demoFiles)].every((file) =>
    existsSync(path.join(dir, file)),
  );
}

export async function ensureDemoRepository(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  if (!existsSync(path.join(dir, ".git"))) {
    await execa("git", ["init", "-q", "-b", "main"], { cwd: dir });
  }
  const missing = Object.keys(demoFiles).filter((file) => !existsSync(path.join(dir, file)));
  if (missing.length === 0) return;
  for (const file of missing) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), demoFiles[file] ?? "");
  }
  await execa("git", ["add", "--", ...missing], { cwd: dir });
  await execa("git", [...identity, "commit", "-q", "-m", "chore: Specwave demo workspace"], {
    cwd: dir,
    reject: false,
  });
}

/** One commit for an item's step, Conventional Commits style; returns its sha (null if nothing changed). */
export async function commitFiles(dir: string, files: string[], message: string): Promise<string | null> {
  if (files.length > 0) await execa("git", ["add", "--", ...files], { cwd: dir });
  const staged = await execa("git", ["diff", "--cached", "--quiet"], { cwd: dir, reject: false });
  if (staged.exitCode === 0) return null;
  await execa("git", [...identity, "commit", "-q", "-m", message], { cwd: dir });
  const head = await execa("git", ["rev-parse", "HEAD"], { cwd: dir });
  return head.stdout.trim();
}

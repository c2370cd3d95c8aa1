/**
 * Several worker processes on one repository at once, as in production: each is a separate
 * Node process with its own workspace library, sharing only the checkout and the lock folder.
 */
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { setupTestGit } from "./test-support";

const { ws, env, git, seededRepo, tempDir } = setupTestGit();
const worker = fileURLToPath(new URL("./fixtures/item-worker.ts", import.meta.url));

interface WorkerOutput {
  item: { path: string; branch: string };
  commit: { ok: boolean; files?: string[] };
  merge: { ok: boolean } | null;
}

async function runWorkers(
  repo: string,
  runBranch: string,
  ids: string[],
  merge: boolean,
  shareLock: boolean,
) {
  const lockDir = shareLock ? await tempDir("locks") : undefined;
  // Node + tsx take a moment to start; a shared start time makes the processes collide for real.
  const startAt = Date.now() + 2_500;
  return Promise.all(
    ids.map(async (itemId) => {
      const input = JSON.stringify({ repo, runBranch, itemId, env, merge, lockDir, startAt });
      const result = await execa(process.execPath, ["--import", "tsx", worker, input], { env });
      return JSON.parse(result.stdout) as WorkerOutput;
    }),
  );
}

describe("several worker processes on one repository", () => {
  it("create worktrees and commit at the same time with no shared lock (git's locks and retries suffice)", async () => {
    const repo = await seededRepo({ "README.md": "# multi\n" });
    const run = await ws.createRunBranch(repo, "p1");
    const ids = ["P1", "P2", "P3", "P4", "P5"];
    const outputs = await runWorkers(repo, run.branch, ids, false, false);
    for (const [index, output] of outputs.entries()) {
      expect(output.commit).toMatchObject({ ok: true, files: [`${ids[index]}.txt`] });
      expect(await git(output.item.path, "log", "-1", "--format=%s")).toBe(
        `feat(multi): task ${ids[index]} - from a worker`,
      );
    }
    for (const output of outputs)
      expect((await ws.mergeItem(repo, run.branch, output.item.branch)).ok).toBe(true);
    const tree = await git(repo, "ls-tree", "--name-only", run.branch);
    expect(tree.split("\n").sort()).toEqual(["P1.txt", "P2.txt", "P3.txt", "P4.txt", "P5.txt", "README.md"]);
  });

  it("merge into the same run branch at the same time when they share a file lock", async () => {
    const repo = await seededRepo({ "README.md": "# multi\n" });
    const run = await ws.createRunBranch(repo, "p2");
    const ids = ["Q1", "Q2", "Q3", "Q4"];
    const outputs = await runWorkers(repo, run.branch, ids, true, true);
    for (const output of outputs) expect(output.merge).toMatchObject({ ok: true });
    const tree = await git(repo, "ls-tree", "--name-only", run.branch);
    expect(tree.split("\n").sort()).toEqual(["Q1.txt", "Q2.txt", "Q3.txt", "Q4.txt", "README.md"]);
    expect(await git(repo, "rev-list", "--count", "--merges", run.branch)).toBe("4");
    const runWorktree = await ws.openRunWorktree(repo, run.branch);
    expect(await ws.isClean(runWorktree.path)).toEqual({ clean: true, files: [] });
  });
});

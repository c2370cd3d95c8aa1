/**
 * The proof, end to end on a real repository: parallel items in their own worktrees,
 * a commit per item with the Conventional Commits message, merges into the run branch, a forced
 * conflict, the clean-worktree gate, and clean-up.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupTestGit, writeFiles } from "./test-support";

const { ws, git, seededRepo } = setupTestGit();

const SEED = {
  "README.md": "# shop\n",
  "src/config.ts": "export const currency = 'EUR';\nexport const locale = 'fr-FR';\n",
  ".gitignore": "node_modules/\n",
};

describe("a run with parallel items", () => {
  it("gives each item its own worktree, commits each, and merges all into the run branch", async () => {
    const repo = await seededRepo(SEED);
    const userHead = await git(repo, "rev-parse", "HEAD");
    const run = await ws.createRunBranch(repo, "run_parallel");
    const ids = ["T001", "T002", "T003", "T004"];

    const items = await Promise.all(
      ids.map(async (id) => {
        const worktree = await ws.createItemWorktree(repo, run.branch, id);
        await writeFiles(worktree.path, {
          [`src/${id}.ts`]: `export const ${id} = true;\n`,
          [`src/${id}.test.ts`]: `// tests for ${id}\n`,
        });
        const commit = await ws.commitItem(worktree.path, {
          type: "feat",
          spec: "shop",
          itemId: id,
          title: `add the ${id} module`,
        });
        return { id, worktree, commit, status: await ws.isClean(worktree.path) };
      }),
    );

    const gitDir = path.join(repo, ".git", "specwave-worktrees", "run_parallel");
    expect(new Set(items.map((item) => item.worktree.path)).size).toBe(ids.length);
    for (const { id, worktree, commit, status } of items) {
      expect(worktree.path).toBe(path.join(gitDir, id));
      expect(worktree.branch).toBe(`specwave/items/run-run_parallel/${id}`);
      expect(commit).toMatchObject({ ok: true, files: [`src/${id}.test.ts`, `src/${id}.ts`] });
      expect(status).toEqual({ clean: true, files: [] });
      // Each item sees only its own work.
      expect(existsSync(path.join(worktree.path, "src/T001.ts"))).toBe(id === "T001");
      const log = await git(worktree.path, "log", "-1", "--format=%s%n%H");
      expect(log).toBe(`feat(shop): task ${id} - add the ${id} module\n${commit.ok ? commit.sha : ""}`);
    }

    // Merges requested at once are serialised by the repository lock.
    const merges = await Promise.all(
      items.map((item) => ws.mergeItem(repo, run.branch, item.worktree.branch)),
    );
    for (const [index, merge] of merges.entries()) {
      expect(merge).toMatchObject({ ok: true, alreadyMerged: false });
      expect(merge.files).toEqual([`src/${ids[index]}.test.ts`, `src/${ids[index]}.ts`].sort());
    }

    const tree = (await git(repo, "ls-tree", "-r", "--name-only", run.branch)).split("\n");
    expect(tree).toEqual(expect.arrayContaining(ids.flatMap((id) => [`src/${id}.ts`, `src/${id}.test.ts`])));
    const subjects = (
      await git(repo, "log", "--no-merges", "--format=%s", `${run.sha}..${run.branch}`)
    ).split("\n");
    expect(subjects.sort()).toEqual(ids.map((id) => `feat(shop): task ${id} - add the ${id} module`));
    const mergeSubjects = await git(repo, "log", "--merges", "--format=%s", run.branch);
    expect(mergeSubjects.split("\n")).toHaveLength(ids.length);
    expect(mergeSubjects).toContain(
      "Merge branch 'specwave/items/run-run_parallel/T001' into specwave/run-run_parallel",
    );

    const runWorktree = await ws.openRunWorktree(repo, run.branch);
    expect(await ws.isClean(runWorktree.path)).toEqual({ clean: true, files: [] });

    // The user's checkout never moved and never saw a file.
    expect(await git(repo, "rev-parse", "HEAD")).toBe(userHead);
    expect(await git(repo, "symbolic-ref", "--short", "HEAD")).toBe("main");
    expect(await git(repo, "status", "--porcelain")).toBe("");
    expect(existsSync(path.join(repo, "src/T001.ts"))).toBe(false);
  });

  it("reports a conflict with the file listed and leaves the run branch clean and usable", async () => {
    const repo = await seededRepo(SEED);
    const run = await ws.createRunBranch(repo, "run_conflict");
    const [first, second, third] = await Promise.all(
      ["A1", "A2", "A3"].map((id) => ws.createItemWorktree(repo, run.branch, id)),
    );
    if (!first || !second || !third) throw new Error("worktrees missing");

    // Two items change the same line differently; the third touches another file.
    await writeFile(path.join(first.path, "src/config.ts"), SEED["src/config.ts"].replace("EUR", "USD"));
    await writeFile(path.join(second.path, "src/config.ts"), SEED["src/config.ts"].replace("EUR", "GBP"));
    await writeFile(path.join(third.path, "README.md"), "# shop\n\nNow with currencies.\n");
    const input = (itemId: string) => ({
      type: "fix" as const,
      spec: "shop",
      itemId,
      title: "set the currency",
    });
    await Promise.all([
      ws.commitItem(first.path, input("A1")),
      ws.commitItem(second.path, input("A2")),
      ws.commitItem(third.path, input("A3")),
    ]);

    const merged = await ws.mergeItem(repo, run.branch, first.branch);
    expect(merged.ok).toBe(true);
    const conflict = await ws.mergeItem(repo, run.branch, second.branch);
    expect(conflict).toEqual({
      ok: false,
      code: "merge_conflict",
      files: ["src/config.ts"],
      sha: merged.sha,
    });

    const runWorktree = await ws.openRunWorktree(repo, run.branch);
    expect(await git(repo, "rev-parse", run.branch)).toBe(merged.sha);
    expect(await ws.isClean(runWorktree.path)).toEqual({ clean: true, files: [] });
    expect(existsSync(path.join(runWorktree.path, ".git"))).toBe(true);
    expect(await git(runWorktree.path, "rev-parse", "--verify", "--quiet", "HEAD")).toBe(merged.sha);
    await expect(git(runWorktree.path, "rev-parse", "--verify", "--quiet", "MERGE_HEAD")).rejects.toThrow();
    expect(await readFile(path.join(runWorktree.path, "src/config.ts"), "utf8")).toContain("USD");

    // After the conflict the next item still merges.
    const after = await ws.mergeItem(repo, run.branch, third.branch);
    expect(after).toMatchObject({ ok: true, files: ["README.md"] });
    expect(await ws.isClean(runWorktree.path)).toEqual({ clean: true, files: [] });
  });

  it("gates on a clean worktree: untracked and modified files are listed, ignored ones are not", async () => {
    const repo = await seededRepo(SEED);
    const run = await ws.createRunBranch(repo, "run_gate");
    const item = await ws.createItemWorktree(repo, run.branch, "G1");
    expect(await ws.isClean(item.path)).toEqual({ clean: true, files: [] });

    await writeFiles(item.path, {
      "src/new.ts": "export {};\n",
      "src/config.ts": "export const currency = 'JPY';\n",
      "node_modules/dep/index.js": "ignored\n",
    });
    await git(item.path, "rm", "--quiet", "README.md");
    const dirty = await ws.isClean(item.path);
    expect(dirty.clean).toBe(false);
    expect(dirty.files).toEqual(
      expect.arrayContaining([
        { path: "README.md", code: "D " },
        { path: "src/config.ts", code: " M" },
        { path: "src/new.ts", code: "??" },
      ]),
    );
    expect(dirty.files).toHaveLength(3);

    // Committing only what the item declared leaves the rest for the gate to catch.
    const partial = await ws.commitItem(item.path, {
      type: "feat",
      spec: "shop",
      itemId: "G1",
      title: "add new",
      files: ["src/new.ts"],
    });
    expect(partial).toMatchObject({ ok: true, files: ["src/new.ts"] });
    const remaining = await ws.isClean(item.path);
    expect(remaining.files.map((file) => file.path).sort()).toEqual(["README.md", "src/config.ts"]);

    const rest = await ws.commitItem(item.path, {
      type: "feat",
      spec: "shop",
      itemId: "G1",
      title: "the rest",
    });
    // Still one commit for the item: the earlier partial commit is folded in.
    expect(rest).toMatchObject({
      ok: true,
      squashed: 1,
      files: ["README.md", "src/config.ts", "src/new.ts"],
    });
    expect(await git(item.path, "rev-list", "--count", `${run.sha}..HEAD`)).toBe("1");
    expect(await ws.isClean(item.path)).toEqual({ clean: true, files: [] });
  });

  it("cleans up a run's worktrees and item branches and keeps the run branch", async () => {
    const repo = await seededRepo(SEED);
    const run = await ws.createRunBranch(repo, "run_cleanup");
    const merged = await ws.createItemWorktree(repo, run.branch, "C1");
    const unmerged = await ws.createItemWorktree(repo, run.branch, "C2");
    const dirty = await ws.createItemWorktree(repo, run.branch, "C3");
    await writeFiles(merged.path, { "c1.txt": "one\n" });
    await writeFiles(unmerged.path, { "c2.txt": "two\n" });
    await writeFiles(dirty.path, { "left-behind.txt": "uncommitted\n" });
    await ws.commitItem(merged.path, { type: "feat", spec: "shop", itemId: "C1", title: "one" });
    await ws.commitItem(unmerged.path, { type: "feat", spec: "shop", itemId: "C2", title: "two" });
    const merge = await ws.mergeItem(repo, run.branch, merged.branch);
    const runWorktree = await ws.openRunWorktree(repo, run.branch);

    const kept = await ws.removeWorktrees(repo, "run_cleanup", { keepUnmerged: true });
    expect(kept.removedWorktrees.sort()).toEqual(
      [merged.path, unmerged.path, dirty.path, runWorktree.path].sort(),
    );
    expect(kept.deletedBranches.sort()).toEqual([merged.branch, dirty.branch].sort());
    expect(kept.keptBranches).toEqual([unmerged.branch]);

    const removed = await ws.removeWorktrees(repo, "run_cleanup");
    expect(removed).toEqual({ removedWorktrees: [], deletedBranches: [unmerged.branch], keptBranches: [] });

    expect(existsSync(path.join(repo, ".git", "specwave-worktrees", "run_cleanup"))).toBe(false);
    const worktrees = await git(repo, "worktree", "list", "--porcelain");
    expect(worktrees.match(/^worktree /gm)).toHaveLength(1);
    expect(await git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/specwave/")).toBe(
      run.branch,
    );
    expect(await git(repo, "rev-parse", run.branch)).toBe(merge.sha);
    expect(await git(repo, "status", "--porcelain")).toBe("");
  });
});

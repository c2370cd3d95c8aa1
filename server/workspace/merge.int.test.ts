import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupTestGit, writeFiles } from "./test-support";

const { ws, git, seededRepo } = setupTestGit();

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: { code?: string }) => error.code,
  );

async function runWithItems(runId: string, ids: string[]) {
  const repo = await seededRepo({
    "shared.ts": "export const a = 1;\n",
    "old.ts": "export const old = 1;\n",
  });
  const run = await ws.createRunBranch(repo, runId);
  const items = [];
  for (const id of ids) items.push(await ws.createItemWorktree(repo, run.branch, id));
  return { repo, run, items };
}

const commit = (worktree: string, itemId: string) =>
  ws.commitItem(worktree, { type: "feat", spec: "m", itemId, title: "change" });

describe("mergeItem", () => {
  it("reports an item merged twice as already merged, without a new commit", async () => {
    const { repo, run, items } = await runWithItems("m1", ["A"]);
    const [item] = items;
    if (!item) throw new Error("no item");
    await writeFiles(item.path, { "a.ts": "a\n" });
    await commit(item.path, "A");
    const first = await ws.mergeItem(repo, run.branch, item.branch);
    const second = await ws.mergeItem(repo, run.branch, item.branch);
    expect(second).toEqual({ ok: true, sha: first.sha, alreadyMerged: true, files: [] });
  });

  it("lists every conflicting file: same line, same new file, and edit against delete", async () => {
    const { repo, run, items } = await runWithItems("m2", ["A", "B"]);
    const [a, b] = items;
    if (!a || !b) throw new Error("no items");
    await writeFiles(a.path, {
      "shared.ts": "export const a = 2;\n",
      "new.ts": "from A\n",
      "old.ts": "edited\n",
    });
    await writeFiles(b.path, {
      "shared.ts": "export const a = 3;\n",
      "new.ts": "from B\n",
      "ok.ts": "fine\n",
    });
    await rm(path.join(b.path, "old.ts"));
    await Promise.all([commit(a.path, "A"), commit(b.path, "B")]);

    const merged = await ws.mergeItem(repo, run.branch, a.branch);
    const conflict = await ws.mergeItem(repo, run.branch, b.branch);
    expect(conflict.ok).toBe(false);
    expect([...conflict.files].sort()).toEqual(["new.ts", "old.ts", "shared.ts"]);
    expect(await git(repo, "rev-parse", run.branch)).toBe(merged.sha);
    const runWorktree = await ws.openRunWorktree(repo, run.branch);
    expect(await ws.isClean(runWorktree.path)).toEqual({ clean: true, files: [] });
    // The non-conflicting file of the failed item did not leak onto the run branch either.
    expect(await git(repo, "ls-tree", "--name-only", run.branch)).not.toContain("ok.ts");
  });

  it("lets a conflicted item start again on top of the run branch and then merge", async () => {
    const { repo, run, items } = await runWithItems("m6", ["A", "B"]);
    const [a, b] = items;
    if (!a || !b) throw new Error("no items");
    await writeFiles(a.path, { "shared.ts": "export const a = 2;\n" });
    await writeFiles(b.path, { "shared.ts": "export const a = 3;\n" });
    await Promise.all([commit(a.path, "A"), commit(b.path, "B")]);
    const merged = await ws.mergeItem(repo, run.branch, a.branch);
    expect((await ws.mergeItem(repo, run.branch, b.branch)).ok).toBe(false);

    const again = await ws.createItemWorktree(repo, run.branch, "B", { fresh: true });
    expect(again).toEqual({ ...b, reused: false });
    expect(await git(again.path, "rev-parse", "HEAD")).toBe(merged.sha);
    expect(await readFile(path.join(again.path, "shared.ts"), "utf8")).toBe("export const a = 2;\n");
    await writeFiles(again.path, { "shared.ts": "export const a = 4;\n" });
    await commit(again.path, "B");
    expect(await ws.mergeItem(repo, run.branch, again.branch)).toMatchObject({
      ok: true,
      files: ["shared.ts"],
    });
  });

  it("aborts a merge a crashed process left half-done before merging", async () => {
    const { repo, run, items } = await runWithItems("m3", ["A", "B"]);
    const [a, b] = items;
    if (!a || !b) throw new Error("no items");
    await writeFiles(a.path, { "shared.ts": "export const a = 2;\n" });
    await writeFiles(b.path, { "shared.ts": "export const a = 3;\n", "b.ts": "b\n" });
    await Promise.all([commit(a.path, "A"), commit(b.path, "B")]);
    await ws.mergeItem(repo, run.branch, a.branch);
    const runWorktree = await ws.openRunWorktree(repo, run.branch);
    // What a worker killed in the middle of a conflicting merge leaves behind.
    await expect(git(runWorktree.path, "merge", "--no-edit", b.branch)).rejects.toThrow();
    expect((await ws.isClean(runWorktree.path)).clean).toBe(false);

    const retried = await ws.mergeItem(repo, run.branch, b.branch);
    expect(retried).toMatchObject({ ok: false, code: "merge_conflict", files: ["shared.ts"] });
    expect(await ws.isClean(runWorktree.path)).toEqual({ clean: true, files: [] });
  });

  it("refuses to merge over changes someone left in the run worktree, and keeps them", async () => {
    const { repo, run, items } = await runWithItems("m4", ["A"]);
    const [a] = items;
    if (!a) throw new Error("no item");
    await writeFiles(a.path, { "a.ts": "a\n" });
    await commit(a.path, "A");
    const runWorktree = await ws.openRunWorktree(repo, run.branch);
    await writeFile(path.join(runWorktree.path, "shared.ts"), "hand edit\n");
    expect(await errorCode(ws.mergeItem(repo, run.branch, a.branch))).toBe("run_worktree_dirty");
    expect(await readFile(path.join(runWorktree.path, "shared.ts"), "utf8")).toBe("hand edit\n");
    expect(await git(repo, "rev-parse", run.branch)).toBe(run.sha);
  });

  it("rejects branches that are not this run's item branches", async () => {
    const { repo, run } = await runWithItems("m5", ["A"]);
    const other = await ws.createRunBranch(repo, "m5other");
    const foreign = await ws.createItemWorktree(repo, other.branch, "A");
    expect(await errorCode(ws.mergeItem(repo, run.branch, foreign.branch))).toBe("invalid_branch");
    expect(await errorCode(ws.mergeItem(repo, run.branch, "main"))).toBe("invalid_branch");
    expect(await errorCode(ws.mergeItem(repo, run.branch, "specwave/items/run-m5/nope"))).toBe(
      "ref_not_found",
    );
  });
});

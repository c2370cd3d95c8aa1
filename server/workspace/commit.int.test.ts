import { chmod, readFile, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGitWorkspaces } from "./index";
import { setupTestGit, writeFiles } from "./test-support";

const { ws, env, git, seededRepo, tempDir } = setupTestGit();

async function itemWorktree(
  runId: string,
  files: Record<string, string> = { "a.txt": "a\n", "b.txt": "b\n" },
) {
  const repo = await seededRepo(files);
  const run = await ws.createRunBranch(repo, runId);
  return { repo, run, item: await ws.createItemWorktree(repo, run.branch, "T1") };
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: "accepted", path: undefined }),
    (error: { code?: string; path?: string }) => ({ code: error.code, path: error.path }),
  );

describe("commitItem", () => {
  it("makes one commit with the Conventional Commits subject and nothing else in the message", async () => {
    const { item } = await itemWorktree("c1");
    await writeFiles(item.path, { "a.txt": "changed\n", "src/new.ts": "export {};\n" });
    await rm(path.join(item.path, "b.txt"));
    const result = await ws.commitItem(item.path, {
      type: "test",
      spec: "checkout flow",
      itemId: "US-007",
      title: "cover the\nempty cart",
    });
    expect(result).toEqual({
      ok: true,
      sha: await git(item.path, "rev-parse", "HEAD"),
      message: "test(checkout-flow): task US-007 - cover the empty cart",
      files: ["a.txt", "b.txt", "src/new.ts"],
      squashed: 0,
    });
    expect(await git(item.path, "log", "-1", "--format=%B")).toBe(
      "test(checkout-flow): task US-007 - cover the empty cart\n",
    );
    expect(await git(item.path, "rev-list", "--count", "HEAD")).toBe("2");
  });

  it("returns empty_change, not an error, when nothing changed", async () => {
    const { item } = await itemWorktree("c2");
    const head = await git(item.path, "rev-parse", "HEAD");
    const result = await ws.commitItem(item.path, {
      type: "feat",
      spec: "s",
      itemId: "T1",
      title: "nothing",
    });
    expect(result).toEqual({
      ok: false,
      code: "empty_change",
      message: "feat(s): task T1 - nothing",
      squashed: 0,
    });
    const withFiles = await ws.commitItem(item.path, {
      type: "feat",
      spec: "s",
      itemId: "T1",
      title: "nothing",
      files: ["a.txt"],
    });
    expect(withFiles.ok).toBe(false);
    expect(await git(item.path, "rev-parse", "HEAD")).toBe(head);
  });

  it("commits only the listed files, even if the agent staged others", async () => {
    const { item } = await itemWorktree("c3");
    await writeFiles(item.path, { "a.txt": "mine\n", "b.txt": "not declared\n", "*.txt": "literal star\n" });
    await git(item.path, "add", "b.txt");
    const result = await ws.commitItem(item.path, {
      type: "feat",
      spec: "s",
      itemId: "T1",
      title: "only a",
      files: ["a.txt", "./a.txt", "*.txt"],
    });
    expect(result).toMatchObject({ ok: true, files: ["*.txt", "a.txt"] });
    expect((await ws.isClean(item.path)).files).toEqual([{ path: "b.txt", code: " M" }]);
  });

  it("rejects listed files that escape the worktree or were never written, committing nothing", async () => {
    const { item } = await itemWorktree("c4");
    const outside = await tempDir("outside");
    await symlink(outside, path.join(item.path, "link-out"));
    await writeFiles(item.path, { "a.txt": "changed\n" });
    const head = await git(item.path, "rev-parse", "HEAD");
    const commit = (files: string[]) =>
      errorOf(ws.commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "t", files }));

    expect(await commit(["a.txt", "../../../../etc/passwd"])).toEqual({
      code: "path_escape",
      path: "../../../../etc/passwd",
    });
    expect(await commit(["link-out/x.txt"])).toEqual({ code: "path_escape", path: "link-out/x.txt" });
    expect(await commit(["/etc/passwd"])).toMatchObject({ code: "path_absolute" });
    expect(await commit([".git"])).toMatchObject({ code: "path_git_dir" });
    expect(await commit(["a.txt", "claimed-but-missing.ts"])).toEqual({
      code: "path_not_found",
      path: "claimed-but-missing.ts",
    });
    expect(await git(item.path, "rev-parse", "HEAD")).toBe(head);
  });

  it("folds commits the agent made by itself into the one item commit", async () => {
    const { run, item } = await itemWorktree("c6");
    await writeFiles(item.path, { "a.txt": "agent step 1\n" });
    await git(item.path, "commit", "--quiet", "-am", "aider: wip 1");
    await writeFiles(item.path, { "c.txt": "agent step 2\n" });
    await git(item.path, "add", "c.txt");
    await git(item.path, "commit", "--quiet", "-m", "aider: wip 2");
    await writeFiles(item.path, { "d.txt": "not committed by the agent\n" });

    const result = await ws.commitItem(item.path, {
      type: "feat",
      spec: "s",
      itemId: "T1",
      title: "all of it",
    });
    expect(result).toMatchObject({ ok: true, squashed: 2, files: ["a.txt", "c.txt", "d.txt"] });
    expect(await git(item.path, "log", "--format=%s", `${run.sha}..HEAD`)).toBe(
      "feat(s): task T1 - all of it",
    );
    expect(await git(item.path, "rev-parse", "HEAD^")).toBe(run.sha);
    expect(await ws.isClean(item.path)).toEqual({ clean: true, files: [] });
  });

  it("does not fold the item's earlier commit once it is merged into the run branch", async () => {
    const { repo, run, item } = await itemWorktree("c7");
    await writeFiles(item.path, { "a.txt": "first attempt\n" });
    const first = await ws.commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "one" });
    await ws.mergeItem(repo, run.branch, item.branch);
    await writeFiles(item.path, { "b.txt": "follow-up\n" });
    const second = await ws.commitItem(item.path, { type: "fix", spec: "s", itemId: "T1", title: "two" });
    expect(second).toMatchObject({ ok: true, squashed: 0, files: ["b.txt"] });
    expect(await git(item.path, "rev-parse", "HEAD^")).toBe(first.ok ? first.sha : "");
  });

  it("runs the team's commit hooks unless told not to", async () => {
    const { repo, item } = await itemWorktree("c5");
    const hooks = path.join(repo, ".git", "hooks");
    await writeFiles(hooks, { "commit-msg": '#!/bin/sh\necho "rejected by policy" >&2\nexit 1\n' });
    await chmod(path.join(hooks, "commit-msg"), 0o755);
    await writeFiles(item.path, { "a.txt": "changed\n" });

    const rejected = await errorOf(
      ws.commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "t" }),
    );
    expect(rejected.code).toBe("git_failed");
    expect(await git(item.path, "rev-list", "--count", "HEAD")).toBe("1");
    const noHooks = createGitWorkspaces({ env, commitHooks: false });
    const result = await noHooks.commitItem(item.path, { type: "feat", spec: "s", itemId: "T1", title: "t" });
    expect(result.ok).toBe(true);
    expect(await readFile(path.join(item.path, "a.txt"), "utf8")).toBe("changed\n");
  });
});

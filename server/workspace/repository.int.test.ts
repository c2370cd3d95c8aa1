import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGitWorkspaces } from "./index";
import { setupTestGit, writeFiles } from "./test-support";

const { ws, env, git, tempDir, seededRepo } = setupTestGit();

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: { code?: string }) => error.code,
  );

describe("ensureRepository", () => {
  it("turns a plain folder into a repository whose first commit holds its files", async () => {
    const dir = await tempDir("plain");
    await writeFiles(dir, { "package.json": "{}\n", "src/index.ts": "export {};\n" });
    const result = await ws.ensureRepository(dir);
    expect(result).toMatchObject({ root: dir, created: true, identitySet: true });
    expect(result.initialCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(await git(dir, "ls-tree", "-r", "--name-only", "HEAD")).toBe("package.json\nsrc/index.ts");
    expect(await git(dir, "log", "--format=%s|%an|%ae")).toBe(
      "chore: initialise workspace for Specwave|Specwave|specwave@localhost",
    );
    expect(await git(dir, "config", "--local", "user.name")).toBe("Specwave");
    expect(await git(dir, "symbolic-ref", "--short", "HEAD")).toBe("main");
  });

  it("creates a missing folder, and uses a configured identity", async () => {
    const dir = path.join(await tempDir("missing"), "demo", "workspace");
    const custom = createGitWorkspaces({ env, identity: { name: "Demo Bot", email: "demo@specwave.test" } });
    const result = await custom.ensureRepository(dir);
    expect(result.created).toBe(true);
    expect(await git(dir, "log", "--format=%an <%ae>")).toBe("Demo Bot <demo@specwave.test>");
  });

  it("leaves an existing repository, its history and its identity alone", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    await git(repo, "config", "user.name", "Ada");
    await git(repo, "config", "user.email", "ada@example.test");
    const head = await git(repo, "rev-parse", "HEAD");
    await writeFile(path.join(repo, "wip.txt"), "not mine to commit\n");

    const again = await ws.ensureRepository(repo);
    expect(again).toEqual({ root: repo, created: false, initialCommit: null, identitySet: false });
    expect(await git(repo, "rev-parse", "HEAD")).toBe(head);
    expect(await git(repo, "config", "user.name")).toBe("Ada");
    expect(await git(repo, "status", "--porcelain")).toBe("?? wip.txt");
  });

  it("gives an unborn repository an empty first commit without taking the user's files", async () => {
    const repo = await tempDir("unborn");
    await git(repo, "init", "--quiet", "--initial-branch=trunk");
    await writeFile(path.join(repo, "draft.txt"), "draft\n");
    const result = await ws.ensureRepository(repo);
    expect(result.created).toBe(false);
    expect(result.initialCommit).not.toBeNull();
    expect(await git(repo, "ls-tree", "-r", "--name-only", "HEAD")).toBe("");
    expect(await git(repo, "status", "--porcelain")).toBe("?? draft.txt");
  });

  it("makes a folder inside another repository its own nested repository", async () => {
    const outer = await seededRepo({ "outer.txt": "outer\n" });
    const demo = path.join(outer, ".specwave", "demo");
    await mkdir(demo, { recursive: true });
    const result = await ws.ensureRepository(demo);
    expect(result.created).toBe(true);
    expect(existsSync(path.join(demo, ".git"))).toBe(true);
    expect(await git(demo, "rev-parse", "--show-toplevel")).toBe(demo);
    expect((await git(outer, "log", "--format=%H")).split("\n")).toHaveLength(1);
  });
});

describe("createRunBranch", () => {
  it("creates the run branch at HEAD without switching the user's checkout", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const head = await git(repo, "rev-parse", "HEAD");
    const run = await ws.createRunBranch(repo, "r1");
    expect(run).toEqual({ branch: "specwave/run-r1", sha: head, created: true });
    expect(await git(repo, "rev-parse", "specwave/run-r1")).toBe(head);
    expect(await git(repo, "symbolic-ref", "--short", "HEAD")).toBe("main");
  });

  it("starts from a given base ref and is idempotent for a resumed run", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const first = await git(repo, "rev-parse", "HEAD");
    await git(repo, "tag", "v1");
    await writeFile(path.join(repo, "b.txt"), "b\n");
    await git(repo, "add", "b.txt");
    await git(repo, "commit", "--quiet", "-m", "chore: b");

    const fromTag = await ws.createRunBranch(repo, "r2", "v1");
    expect(fromTag.sha).toBe(first);
    const resumed = await ws.createRunBranch(repo, "r2", "HEAD");
    expect(resumed).toEqual({ branch: "specwave/run-r2", sha: first, created: false });
  });

  it("fails with typed errors for unknown refs, option-like refs, bad ids and non-repositories", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    expect(await errorCode(ws.createRunBranch(repo, "r3", "no-such-branch"))).toBe("ref_not_found");
    expect(await errorCode(ws.createRunBranch(repo, "r3", "--output=/tmp/x"))).toBe("ref_not_found");
    expect(await errorCode(ws.createRunBranch(repo, "../r3"))).toBe("invalid_id");
    expect(await errorCode(ws.createRunBranch(await tempDir("empty"), "r3"))).toBe("not_a_repository");
    expect(await errorCode(ws.createRunBranch(path.join(repo, "missing"), "r3"))).toBe("not_a_repository");
    expect(await git(repo, "for-each-ref", "refs/heads/specwave/")).toBe("");
  });
});

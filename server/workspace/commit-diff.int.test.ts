import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCommitDiff } from "./commit-diff";
import { isWorkspaceError } from "./errors";
import { setupTestGit, writeFiles } from "./test-support";

const t = setupTestGit();

async function commitAll(repo: string, message: string): Promise<string> {
  await t.git(repo, "add", "-A");
  await t.git(
    repo,
    "-c",
    "user.name=Test",
    "-c",
    "user.email=test@example.com",
    "commit",
    "-q",
    "-m",
    message,
  );
  return t.git(repo, "rev-parse", "HEAD");
}

describe("readCommitDiff on a real repository", () => {
  it("lists each file of the commit with its additions, deletions and patch", async () => {
    const repo = await t.seededRepo({ "src/a.ts": "one\ntwo\nthree\n", "old.txt": "gone\n" });
    await writeFiles(repo, {
      "src/a.ts": "one\nTWO\nthree\nfour\n",
      "src/new file.ts": "<script>x</script>\n",
    });
    await rm(path.join(repo, "old.txt"));
    const sha = await commitAll(repo, "feat: change things");

    const diff = await readCommitDiff(repo, sha);
    expect(diff.commit).toBe(sha);
    expect(diff.truncated).toBe(false);
    const byPath = Object.fromEntries(diff.files.map((file) => [file.path, file]));
    expect(Object.keys(byPath).sort()).toEqual(["old.txt", "src/a.ts", "src/new file.ts"]);
    expect(byPath["src/a.ts"]).toMatchObject({ additions: 2, deletions: 1 });
    expect(byPath["src/a.ts"]?.patch).toContain("\n-two\n+TWO\n three\n+four");
    expect(byPath["src/new file.ts"]).toMatchObject({ additions: 1, deletions: 0 });
    expect(byPath["src/new file.ts"]?.patch).toContain("+<script>x</script>");
    expect(byPath["old.txt"]).toMatchObject({ additions: 0, deletions: 1 });
  });

  it("cuts a long patch at the cap on a whole line and says so", async () => {
    const repo = await t.seededRepo({ "README.md": "hi\n" });
    const big = Array.from({ length: 3000 }, (_, i) => `line ${i} ${"x".repeat(60)}`).join("\n");
    await writeFile(path.join(repo, "big.txt"), `${big}\n`);
    await writeFile(path.join(repo, "later.txt"), "after the cut\n");
    const sha = await commitAll(repo, "feat: a big file");

    const diff = await readCommitDiff(repo, sha, { maxBytes: 64 * 1024 });
    expect(diff.truncated).toBe(true);
    expect(diff.files.map((file) => file.path)).toEqual(["big.txt"]);
    const patch = diff.files[0]?.patch ?? "";
    expect(patch.length).toBeLessThan(64 * 1024 + 200);
    expect(patch).toMatch(/\+line \d+ x{60}\n… the diff is longer than 64 KiB and was cut here/);
    expect(diff.files[0]?.additions).toBeLessThan(3000);

    const whole = await readCommitDiff(repo, sha);
    expect(whole.truncated).toBe(false);
    expect(whole.files.map((file) => file.path)).toEqual(["big.txt", "later.txt"]);
    expect(whole.files[0]?.additions).toBe(3000);
  });

  it("refuses something that is not a commit id, and an unknown commit", async () => {
    const repo = await t.seededRepo({ "a.txt": "a\n" });
    await expect(readCommitDiff(repo, "--output=/tmp/x")).rejects.toSatisfy((error) =>
      isWorkspaceError(error, "git_failed"),
    );
    await expect(readCommitDiff(repo, "0123456789abcdef0123456789abcdef01234567")).rejects.toSatisfy(
      (error) => isWorkspaceError(error, "git_failed"),
    );
  });
});

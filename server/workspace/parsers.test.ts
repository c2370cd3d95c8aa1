import { describe, expect, it } from "vitest";
import { formatCommitMessage } from "./commit";
import { isWorkspaceError } from "./errors";
import { backoffDelay, lockContention, splitNul } from "./git-runner";
import { parseStatusZ } from "./status";
import { parseWorktreeList } from "./worktree-list";

describe("parseStatusZ", () => {
  it("reads porcelain v1 -z records, including renames and names with spaces or newlines", () => {
    const output = [
      " M src/a.ts",
      "?? new file.txt",
      "R  to.ts",
      "from.ts",
      "UU both.ts",
      "?? line\nbreak",
      "",
    ].join("\0");
    expect(parseStatusZ(output)).toEqual([
      { path: "src/a.ts", code: " M" },
      { path: "new file.txt", code: "??" },
      { path: "to.ts", code: "R ", from: "from.ts" },
      { path: "both.ts", code: "UU" },
      { path: "line\nbreak", code: "??" },
    ]);
    expect(parseStatusZ("")).toEqual([]);
  });
});

describe("parseWorktreeList", () => {
  it("reads worktree records separated by empty fields", () => {
    const output = [
      "worktree /repo",
      "HEAD 1111",
      "branch refs/heads/main",
      "",
      "worktree /repo/.git/specwave-worktrees/r/T1",
      "HEAD 2222",
      "branch refs/heads/specwave/items/run-r/T1",
      "locked",
      "",
      "worktree /gone",
      "HEAD 3333",
      "detached",
      "prunable gitdir file points to non-existent location",
      "",
      "",
    ].join("\0");
    expect(parseWorktreeList(output)).toEqual([
      { path: "/repo", head: "1111", branch: "refs/heads/main", bare: false, locked: false, prunable: false },
      {
        path: "/repo/.git/specwave-worktrees/r/T1",
        head: "2222",
        branch: "refs/heads/specwave/items/run-r/T1",
        bare: false,
        locked: true,
        prunable: false,
      },
      { path: "/gone", head: "3333", branch: null, bare: false, locked: false, prunable: true },
    ]);
  });
});

describe("lockContention", () => {
  it("recognises git's lock-file messages and nothing else", () => {
    expect(
      lockContention(
        "fatal: Unable to create '/r/.git/worktrees/T1/index.lock': File exists.\n\nAnother git process",
      ),
    ).toBe("index");
    expect(
      lockContention(
        "error: cannot lock ref 'refs/heads/x': Unable to create '/r/.git/refs/heads/x.lock': File exists.",
      ),
    ).toBe("ref");
    expect(lockContention("error: could not lock config file .git/config: File exists")).toBe("ref");
    expect(lockContention("error: cannot lock ref 'refs/heads/a/b': 'refs/heads/a' exists")).toBeNull();
    expect(lockContention("fatal: failed to read .git/worktrees/P3/commondir: Success")).toBe("worktree");
    expect(lockContention("CONFLICT (content): Merge conflict in a.ts")).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("doubles with jitter and stays under the ceiling", () => {
    const policy = { attempts: 8, baseDelayMs: 50, maxDelayMs: 1_000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(25);
    expect(backoffDelay(0, policy, () => 1)).toBe(50);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, () => 1)).toBe(1_000);
  });
});

describe("splitNul", () => {
  it("drops only the empty tail", () => {
    expect(splitNul("a\0b\0")).toEqual(["a", "b"]);
    expect(splitNul("")).toEqual([]);
    expect(splitNul("a\0\0b")).toEqual(["a", "", "b"]);
  });
});

describe("formatCommitMessage", () => {
  it("writes `<type>(<spec>): task <id> - <title>`", () => {
    expect(
      formatCommitMessage({ type: "feat", spec: "billing", itemId: "T014", title: "Add invoices" }),
    ).toBe("feat(billing): task T014 - Add invoices");
  });

  it("keeps the header on one line and the scope a plain noun", () => {
    expect(
      formatCommitMessage({
        type: "fix",
        spec: "Billing (v2): core",
        itemId: "US 7\n",
        title: "line one\n\nline two",
      }),
    ).toBe("fix(Billing-v2-core): task US 7 - line one line two");
  });

  it("rejects unknown types and empty fields", () => {
    const codeOf = (input: Parameters<typeof formatCommitMessage>[0]) => {
      try {
        formatCommitMessage(input);
        return "accepted";
      } catch (error) {
        return isWorkspaceError(error) ? error.code : "other";
      }
    };
    expect(codeOf({ type: "feature" as "feat", spec: "s", itemId: "1", title: "t" })).toBe("invalid_commit");
    expect(codeOf({ type: "feat", spec: "()", itemId: "1", title: "t" })).toBe("invalid_commit");
    expect(codeOf({ type: "feat", spec: "s", itemId: " ", title: "t" })).toBe("invalid_commit");
    expect(codeOf({ type: "feat", spec: "s", itemId: "1", title: "\n" })).toBe("invalid_commit");
  });
});

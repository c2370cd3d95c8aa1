import { describe, expect, it } from "vitest";
import { isWorkspaceError } from "./errors";
import { itemBranchName, itemSlug, parseItemBranch, parseRunBranch, runBranchName } from "./names";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isWorkspaceError(error)) return error.code;
    throw error;
  }
  return "accepted";
};

describe("itemSlug", () => {
  it("keeps ids that are already safe", () => {
    for (const id of ["WS2", "T014", "US-007", "1.2", "task_9"]) expect(itemSlug(id)).toBe(id);
  });

  it("sanitises path tricks and ref-unsafe characters, adding a hash of the original", () => {
    const slug = itemSlug("../../etc/passwd");
    expect(slug).toMatch(/^etc-passwd-[0-9a-f]{8}$/);
    expect(itemSlug("a b:c~d^e?f*g[h]\\i")).toMatch(/^a-b-c-d-e-f-g-h-i-[0-9a-f]{8}$/);
    expect(itemSlug("x.lock")).toMatch(/^x-lock-[0-9a-f]{8}$/);
    expect(itemSlug(".hidden")).toMatch(/^hidden-[0-9a-f]{8}$/);
    expect(itemSlug("--force")).toMatch(/^force-[0-9a-f]{8}$/);
    expect(itemSlug("@{-1}")).toMatch(/^1-[0-9a-f]{8}$/);
    expect(itemSlug("ü")).toMatch(/^item-[0-9a-f]{8}$/);
    expect(itemSlug("x".repeat(200)).length).toBeLessThanOrEqual(48 + 9);
  });

  it("keeps distinct ids distinct when they sanitise alike", () => {
    expect(itemSlug("a/b")).not.toBe(itemSlug("a b"));
    expect(itemSlug("a/b")).toBe(itemSlug("a/b"));
  });

  it("rejects empty ids and NUL", () => {
    expect(code(() => itemSlug(""))).toBe("invalid_id");
    expect(code(() => itemSlug("a\0b"))).toBe("invalid_id");
  });

  it("never produces '..', a leading dot or dash, or a '.lock' ending", () => {
    for (const id of ["..", "...", "a..b", "-.-", ". .", "a.lock", "A.LOCK", "x/..", "..lock"]) {
      const slug = itemSlug(id);
      expect(slug).not.toContain("..");
      expect(slug).toMatch(/^[A-Za-z0-9_]/);
      expect(slug).not.toMatch(/\.lock$/i);
      expect(slug).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });
});

describe("branch names", () => {
  it("names run and item branches so they can coexist as refs", () => {
    expect(runBranchName("run_01")).toBe("specwave/run-run_01");
    expect(itemBranchName("run_01", "T1")).toBe("specwave/items/run-run_01/T1");
    expect(itemBranchName("7", "T1").startsWith(`${runBranchName("7")}/`)).toBe(false);
  });

  it("validates run ids", () => {
    expect(code(() => runBranchName("../x"))).toBe("invalid_id");
    expect(code(() => runBranchName("-x"))).toBe("invalid_id");
    expect(code(() => runBranchName(""))).toBe("invalid_id");
    expect(code(() => runBranchName("a".repeat(65)))).toBe("invalid_id");
  });

  it("parses its own branches back and rejects others", () => {
    expect(parseRunBranch("specwave/run-r1")).toBe("r1");
    expect(parseRunBranch("refs/heads/specwave/run-r1")).toBe("r1");
    expect(parseItemBranch("specwave/items/run-r1/T1")).toEqual({ runId: "r1", slug: "T1" });
    expect(code(() => parseRunBranch("main"))).toBe("invalid_branch");
    expect(code(() => parseRunBranch("specwave/run-r1/x"))).toBe("invalid_branch");
    expect(code(() => parseItemBranch("specwave/items/run-r1/../x"))).toBe("invalid_branch");
    expect(code(() => parseItemBranch("specwave/items/run-r1/a/b"))).toBe("invalid_branch");
    expect(code(() => parseItemBranch("specwave/run-r1"))).toBe("invalid_branch");
  });
});

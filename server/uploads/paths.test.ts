import { describe, expect, it } from "vitest";
import { describeUnsafePath, findUnsafePath, folderOf, joinPath, judgeUploadPath } from "./paths";

describe("judgeUploadPath", () => {
  it.each([
    ["US-001.md", "US-001.md"],
    ["stories/US-001.md", "stories/US-001.md"],
    ["./stories//US-001.md", "stories/US-001.md"],
    ["spec.tasks.yaml", "spec.tasks.yaml"],
    ["notes..md", "notes..md"],
    ["stories/épopée.md", "stories/épopée.md"],
  ])("accepts %j as %j", (name, path) => {
    expect(judgeUploadPath(name)).toEqual({ kind: "file", path });
  });

  it.each([
    ["stories/", "directory"],
    ["./", "directory"],
    [".DS_Store", "hidden"],
    ["stories/.DS_Store", "hidden"],
    [".git/config", "hidden"],
    ["__MACOSX/stories/._US-001.md", "macos_metadata"],
  ])("skips %j (%s)", (name, reason) => {
    expect(judgeUploadPath(name)).toEqual({ kind: "skip", reason });
  });

  it.each([
    ["", "empty"],
    ["x".repeat(501), "too_long"],
    ["story.md\u0000.exe", "control_character"],
    ["stories/\nUS-001.md", "control_character"],
    ["/etc/passwd", "absolute"],
    ["\\\\server\\share\\a.md", "absolute"],
    ["\\a.md", "absolute"],
    ["C:\\evil.md", "absolute"],
    ["c:evil.md", "absolute"],
    ["../evil.md", "parent"],
    ["stories/../../evil.md", "parent"],
    ["stories/..", "parent"],
    ["..\\evil.md", "parent"],
    ["stories\\US-001.md", "backslash"],
    // Unsafe wins over skipped: a hidden climb is still a climb.
    ["__MACOSX/../../evil.md", "parent"],
  ])("refuses %j (%s)", (name, reason) => {
    expect(judgeUploadPath(name)).toEqual({ kind: "unsafe", reason });
    expect(findUnsafePath(name)).toBe(reason);
  });

  it("describes the unsafe reasons the way messages need them", () => {
    expect(describeUnsafePath("parent")).toBe("points outside the upload");
    expect(describeUnsafePath("absolute")).toBe("is an absolute path");
    expect(describeUnsafePath("too_long")).toBe("has a name longer than 500 characters");
  });
});

describe("folderOf and joinPath", () => {
  it("place expanded entries next to their archive", () => {
    expect(folderOf("stories.zip")).toBe("");
    expect(folderOf("sets/q3/stories.zip")).toBe("sets/q3");
    expect(joinPath("", "US-001.md")).toBe("US-001.md");
    expect(joinPath("sets/q3", "US-001.md")).toBe("sets/q3/US-001.md");
  });
});

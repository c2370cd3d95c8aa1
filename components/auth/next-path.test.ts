import { describe, expect, it } from "vitest";
import { isPublicPath, safeNextPath, signInPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeNextPath("/runs/run_1?story=A1")).toBe("/runs/run_1?story=A1");
    expect(safeNextPath("/admin")).toBe("/admin");
  });

  it("sends anything else to the dashboard", () => {
    for (const raw of [
      null,
      "",
      "runs/run_1",
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\tevil",
      "/runs\\..\\x",
    ]) {
      expect(safeNextPath(raw), String(raw)).toBe("/");
    }
  });

  it("does not come back to the sign-in or first-run page", () => {
    expect(safeNextPath("/sign-in?next=/admin")).toBe("/");
    expect(safeNextPath("/setup")).toBe("/");
  });
});

describe("signInPath and isPublicPath", () => {
  it("carries the current page in ?next=", () => {
    expect(signInPath("/runs/run_1?story=A1")).toBe("/sign-in?next=%2Fruns%2Frun_1%3Fstory%3DA1");
    expect(signInPath("/")).toBe("/sign-in");
  });

  it("knows which pages need no sign-in", () => {
    expect(isPublicPath("/sign-in")).toBe(true);
    expect(isPublicPath("/setup")).toBe(true);
    expect(isPublicPath("/api-docs")).toBe(true);
    expect(isPublicPath("/")).toBe(false);
    expect(isPublicPath("/settings/tokens")).toBe(false);
    expect(isPublicPath("/sign-inside")).toBe(false);
  });
});

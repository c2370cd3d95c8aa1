import { describe, expect, it } from "vitest";
import { scrollTopToReveal, visibleRowRange } from "./virtual-window";

describe("visibleRowRange", () => {
  it("mounts only the rows in view plus an overscan", () => {
    expect(visibleRowRange(3200, 640, 32, 5000, 5)).toEqual({ first: 95, last: 125 });
  });

  it("clamps at both ends", () => {
    expect(visibleRowRange(0, 640, 32, 5000, 5)).toEqual({ first: 0, last: 25 });
    expect(visibleRowRange(999_999, 640, 32, 10, 5)).toEqual({ first: 9, last: 10 });
    expect(visibleRowRange(0, 640, 32, 0)).toEqual({ first: 0, last: 0 });
  });
});

describe("scrollTopToReveal", () => {
  it("scrolls just enough to show a row above or below the viewport", () => {
    expect(scrollTopToReveal(2, 32, 320, 320)).toBe(64);
    expect(scrollTopToReveal(20, 32, 0, 320)).toBe(352);
    expect(scrollTopToReveal(5, 32, 0, 320)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { changedLinesCoverage, parseUnifiedDiff } from "./changed-lines";
import { reportFromFiles } from "./coverage-totals";
import type { FileCoverage } from "./types";

const DIFF = `diff --git a/src/sign.js b/src/sign.js
index 1111111..2222222 100644
--- a/src/sign.js
+++ b/src/sign.js
@@ -2,0 +3,2 @@ export function sign(n) {
+  if (n === 0) return 0;
+  // zero is neither
@@ -10 +12 @@ export function other() {
-  return 1;
+  return 2;
@@ -20,2 +21,0 @@
-gone
-gone too
diff --git a/old.js b/old.js
deleted file mode 100644
--- a/old.js
+++ /dev/null
@@ -1,2 +0,0 @@
-a
-b
diff --git "a/docs/na\\303\\257ve file.md" "b/docs/na\\303\\257ve file.md"
new file mode 100644
--- /dev/null
+++ "b/docs/na\\303\\257ve file.md"
@@ -0,0 +1,2 @@
+# Title
+text
\\ No newline at end of file
`;

describe("parseUnifiedDiff", () => {
  it("returns the new-side lines each file gained, ignoring deletions and deleted files", () => {
    expect(parseUnifiedDiff(DIFF)).toEqual({
      ok: true,
      value: { "src/sign.js": [3, 4, 12], "docs/naïve file.md": [1, 2] },
    });
  });

  it("follows context lines when the diff was made with context", () => {
    const diff = "--- a/x.js\n+++ b/x.js\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n";
    expect(parseUnifiedDiff(diff)).toEqual({ ok: true, value: { "x.js": [2, 3] } });
  });

  it("treats an empty diff as no changes and prose as an error", () => {
    expect(parseUnifiedDiff("")).toEqual({ ok: true, value: {} });
    expect(parseUnifiedDiff("nothing to see")).toMatchObject({
      ok: false,
      error: { code: "invalid_format" },
    });
  });
});

const file = (lineHits: Record<number, number> | null): FileCoverage => ({
  lines: { covered: 0, total: 0 },
  branches: { covered: 0, total: 0 },
  functions: { covered: 0, total: 0 },
  statements: { covered: 0, total: 0 },
  lineHits,
});

describe("changedLinesCoverage", () => {
  const coverage = reportFromFiles("lcov", {
    "src/sign.js": file({ 1: 1, 3: 2, 12: 0, 13: 0 }),
    "/abs/repo/lib/util.js": file({ 5: 1 }),
    "src/summary-only.js": file(null),
  });

  it("counts only executable changed lines, and tells covered from uncovered", () => {
    const result = changedLinesCoverage(coverage, {
      "src/sign.js": [3, 4, 12, 4],
      "lib/util.js": [5],
      "README.md": [1, 2],
      "src/summary-only.js": [1],
    });
    expect(result).toMatchObject({ covered: 2, total: 3, pct: 66.66 });
    expect(result.files).toEqual({
      "src/sign.js": { status: "measured", coveredLines: [3], uncoveredLines: [12] },
      "lib/util.js": { status: "measured", coveredLines: [5], uncoveredLines: [] },
      "README.md": { status: "not_in_report", coveredLines: [], uncoveredLines: [] },
      "src/summary-only.js": { status: "no_line_data", coveredLines: [], uncoveredLines: [] },
    });
  });

  it("does not guess when a path matches several report entries", () => {
    const ambiguous = reportFromFiles("lcov", {
      "/a/x/util.js": file({ 1: 1 }),
      "/b/x/util.js": file({ 1: 0 }),
    });
    expect(changedLinesCoverage(ambiguous, { "util.js": [1] }).files["util.js"]?.status).toBe(
      "not_in_report",
    );
  });
});

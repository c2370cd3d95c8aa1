import { describe, expect, it } from "vitest";
import { diffLines } from "./diff-lines";

describe("diffLines", () => {
  it("marks added and removed lines with a sign and keeps headers and hunks apart", () => {
    const patch = [
      "diff --git a/src/a.ts b/src/a.ts",
      "--- a/src/a.ts",
      "+++ b/src/a.ts",
      "@@ -1,2 +1,2 @@",
      " one",
      "-two",
      "+<script>alert(1)</script>",
      "\\ No newline at end of file",
    ].join("\n");
    expect(diffLines(patch)).toEqual([
      { kind: "header", sign: "", text: "diff --git a/src/a.ts b/src/a.ts" },
      { kind: "header", sign: "", text: "--- a/src/a.ts" },
      { kind: "header", sign: "", text: "+++ b/src/a.ts" },
      { kind: "hunk", sign: "", text: "@@ -1,2 +1,2 @@" },
      { kind: "context", sign: "", text: "one" },
      { kind: "removed", sign: "−", text: "two" },
      { kind: "added", sign: "+", text: "<script>alert(1)</script>" },
      { kind: "context", sign: "", text: "\\ No newline at end of file" },
    ]);
  });
});

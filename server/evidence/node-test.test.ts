import { describe, expect, it } from "vitest";
import { parseNodeSpec, parseNodeTap, parseNodeTestOutput } from "./node-test";

// Shapes copied from `node --test` on Node 20.20; the integration suite checks the real thing.
const TAP = `TAP version 13
# Subtest: math
    # Subtest: adds \\# one
    ok 1 - adds \\# one
      ---
      duration_ms: 1.27
      ...
    # Subtest: fails on purpose
    not ok 2 - fails on purpose
      ---
      duration_ms: 1.44
      location: '/work/p/math.test.mjs:7:3'
      failureType: 'testCodeFailure'
      error: |-
        Expected values to be strictly equal:

        2 !== 3

      code: 'ERR_ASSERTION'
      stack: |-
        TestContext.<anonymous> (file:///work/p/math.test.mjs:7:43)
      ...
    # Subtest: skipped
    ok 3 - skipped # SKIP
      ---
      duration_ms: 0.16
      ...
    # Subtest: todo one
    ok 4 - todo one # TODO
      ---
      duration_ms: 0.13
      ...
    1..4
not ok 1 - math
  ---
  duration_ms: 4.96
  type: 'suite'
  location: '/work/p/math.test.mjs:4:1'
  error: '1 subtest failed'
  ...
1..1
# tests 4
# suites 1
# pass 1
# fail 1
# cancelled 0
# skipped 1
# todo 1
# duration_ms 175.49
`;

describe("parseNodeTap", () => {
  it("counts tests, not suites, and keeps names, files and failure messages", () => {
    const result = parseNodeTap(TAP, { rootDir: "/work/p" });
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect(r).toMatchObject({
      format: "node-tap",
      tests: 4,
      passed: 1,
      failed: 1,
      skipped: 2,
      durationMs: 175,
    });
    expect(r.cases.map((c) => `${c.name}:${c.status}`)).toEqual([
      "adds # one:passed",
      "fails on purpose:failed",
      "skipped:skipped",
      "todo one:skipped",
    ]);
    expect(r.cases[1]).toMatchObject({
      file: "math.test.mjs",
      message: "Expected values to be strictly equal: 2 !== 3",
    });
  });

  it("lets the runner's closing summary win over a test that prints a fake one", () => {
    const spoofed = `# pass 99\n# tests 99\nok 1 - a\nnot ok 2 - b\n# tests 2\n# pass 1\n# fail 1\n`;
    const result = parseNodeTap(spoofed);
    expect(result).toMatchObject({ ok: true, value: { tests: 2, passed: 1, failed: 1 } });
  });

  it("does not take lines of an error message for test points", () => {
    const tap =
      "not ok 1 - parses\n  ---\n  error: |-\n    expected output:\n    ok 2 - fake\n  ...\nok 2 - real\n";
    const result = parseNodeTap(tap);
    expect(result).toMatchObject({ ok: true, value: { tests: 2, passed: 1, failed: 1 } });
    if (result.ok) expect(result.value.cases.map((c) => c.name)).toEqual(["parses", "real"]);
  });

  it("counts cancelled tests as failed", () => {
    const result = parseNodeTap("ok 1 - a\n# tests 2\n# pass 1\n# fail 0\n# cancelled 1\n");
    expect(result).toMatchObject({ ok: true, value: { tests: 2, passed: 1, failed: 1 } });
  });

  it("falls back to the test points when there is no summary (plain TAP producers)", () => {
    const result = parseNodeTap("TAP version 13\n1..3\nok 1 - a\nnot ok 2 - b\nok 3 c # skip later\n");
    expect(result).toMatchObject({ ok: true, value: { tests: 3, passed: 1, failed: 1, skipped: 1 } });
  });

  it("returns empty_report when nothing ran", () => {
    expect(parseNodeTap("TAP version 13\n1..0\n", { file: "out" })).toMatchObject({
      ok: false,
      error: { code: "empty_report", file: "out" },
    });
  });
});

const SPEC = `▶ math
  ✔ adds (1.93ms)
  ✖ fails on purpose (2.81ms)
    AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:
  ﹣ skipped (0.25ms) # SKIP
✖ math (9.39ms)
ℹ tests 4
ℹ suites 1
ℹ pass 2
ℹ fail 1
ℹ cancelled 0
ℹ skipped 1
ℹ todo 0
ℹ duration_ms 220.09

✖ failing tests:

test at math.test.mjs:7:3
✖ fails on purpose (3.02ms)
  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:

      at TestContext.<anonymous> (file:///work/p/math.test.mjs:7:43)
`;

describe("parseNodeSpec", () => {
  it("reads the summary and the failing tests section", () => {
    const result = parseNodeSpec(SPEC);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ format: "node-spec", tests: 4, passed: 2, failed: 1, skipped: 1 });
    expect(result.value.cases).toEqual([
      {
        name: "fails on purpose",
        status: "failed",
        file: "math.test.mjs",
        message: "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:",
      },
    ]);
  });

  it("strips colour codes a runner printed for a terminal", () => {
    const coloured =
      "\u001b[34mℹ tests 3\u001b[39m\n\u001b[34mℹ pass 3\u001b[39m\n\u001b[34mℹ fail 0\u001b[39m\n";
    expect(parseNodeTestOutput(coloured)).toMatchObject({
      ok: true,
      value: { tests: 3, passed: 3, failed: 0 },
    });
  });

  it("says so when the output is not the Node test runner's", () => {
    expect(parseNodeSpec("All good, trust me.")).toMatchObject({
      ok: false,
      error: { code: "empty_report" },
    });
  });
});

describe("parseNodeTestOutput", () => {
  it("recognises TAP and spec output", () => {
    expect(parseNodeTestOutput(TAP)).toMatchObject({ ok: true, value: { format: "node-tap" } });
    expect(parseNodeTestOutput(SPEC)).toMatchObject({ ok: true, value: { format: "node-spec" } });
    const chatty = `ok 1 printed by a test\n${SPEC}`;
    expect(parseNodeTestOutput(chatty)).toMatchObject({ ok: true, value: { format: "node-spec", tests: 4 } });
  });
});

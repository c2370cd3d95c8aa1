import { toCount } from "./coverage-totals";
import { summariseMessage } from "./test-counts";
import type { ParseOptions, Result, TestCase, TestReport } from "./types";
import { fail, ok } from "./types";
import {
  attr,
  children,
  firstRawChild,
  hasChild,
  parseXmlDocument,
  textOf,
  type XmlElement,
} from "./xml-document";

/**
 * JUnit XML as written by Maven Surefire, jest-junit, Vitest's `junit` reporter and
 * `node --test --test-reporter=junit`. The variants differ in nesting (a bare `<testsuite>` root,
 * suites inside suites, Node's top-level `<testcase>` directly under `<testsuites>`) and in how a
 * failure is spelled, so counts are taken from the test cases themselves rather than from the
 * summary attributes, which some writers omit or compute differently.
 */
export function parseJUnitXml(text: string, options: ParseOptions = {}): Result<TestReport> {
  const file = options.file ?? null;
  const doc = parseXmlDocument(text, file);
  if (!doc.ok) return doc;

  const roots = [...children(doc.value, "testsuites"), ...children(doc.value, "testsuite")];
  if (roots.length === 0) {
    return fail("invalid_format", "no <testsuites> or <testsuite> element: not a JUnit report", file);
  }

  const cases: TestCase[] = [];
  const visit = (element: XmlElement, suiteFile: string | undefined, depth: number): void => {
    // Writers nest suites a few levels deep at most; the bound only protects against hostile input.
    if (depth > 64) return;
    for (const testcase of children(element, "testcase")) cases.push(readCase(testcase, suiteFile));
    for (const suite of children(element, "testsuite"))
      visit(suite, attr(suite, "file") ?? suiteFile, depth + 1);
  };
  const wrappers = children(doc.value, "testsuites");
  const bareSuites = children(doc.value, "testsuite");
  for (const wrapper of wrappers) visit(wrapper, undefined, 0);
  // A bare <testsuite> root (Surefire) is the single top-level suite.
  for (const suite of bareSuites) visit(suite, attr(suite, "file"), 1);

  const topSuites = [...bareSuites, ...wrappers.flatMap((w) => children(w, "testsuite"))];
  const declaredTests = topSuites.reduce((n, s) => n + (toCount(attr(s, "tests")) ?? 0), 0);
  const suiteSeconds = topSuites.reduce((n, s) => n + (toSeconds(attr(s, "time")) ?? 0), 0);
  const rootSeconds = wrappers.map((w) => toSeconds(attr(w, "time"))).find((t) => t !== undefined);

  if (cases.length === 0 && declaredTests > 0) {
    return fail(
      "invalid_format",
      `the report declares ${declaredTests} tests but lists no <testcase>; its counts cannot be checked`,
      file,
    );
  }

  const seconds = rootSeconds ?? (suiteSeconds > 0 ? suiteSeconds : undefined);
  const report: TestReport = {
    format: "junit",
    tests: cases.length,
    passed: cases.filter((c) => c.status === "passed").length,
    failed: cases.filter((c) => c.status === "failed").length,
    skipped: cases.filter((c) => c.status === "skipped").length,
    cases,
  };
  if (seconds !== undefined) report.durationMs = Math.round(seconds * 1000);
  return ok(report);
}

function readCase(testcase: XmlElement, suiteFile: string | undefined): TestCase {
  const name = attr(testcase, "name") ?? attr(testcase, "classname") ?? "(unnamed test)";
  const file = attr(testcase, "file") ?? suiteFile;
  const result: TestCase = { name, status: "passed" };
  if (file) result.file = file;

  const problem = firstRawChild(testcase, "failure") ?? firstRawChild(testcase, "error");
  // Node also puts the failure on the testcase as an attribute; either one is a failure.
  if (problem !== undefined || attr(testcase, "failure") !== undefined) {
    result.status = "failed";
    const message =
      (typeof problem === "object" ? attr(problem, "message") : undefined) ||
      textOf(problem) ||
      attr(testcase, "failure") ||
      "";
    // Surefire and Vitest name the exception in `type`; it tells a reader what kind of failure this was.
    const type = typeof problem === "object" ? attr(problem, "type")?.split(".").pop() : undefined;
    const typed =
      type && /(Error|Exception)$/.test(type) && !message.includes(type) ? `${type}: ${message}` : message;
    const summary = summariseMessage(typed);
    if (summary) result.message = summary;
    return result;
  }
  if (
    hasChild(testcase, "skipped") ||
    hasChild(testcase, "ignored") ||
    attr(testcase, "status") === "skipped"
  ) {
    result.status = "skipped";
    const skipped = firstRawChild(testcase, "skipped");
    const reason = typeof skipped === "object" ? attr(skipped, "message") : undefined;
    // Node writes message="true" on every skip; that says nothing to a reader.
    if (reason && reason !== "true") result.message = summariseMessage(reason);
  }
  return result;
}

/** JUnit times are seconds; some writers use a thousands separator ("1,234.5"). */
function toSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return toCount(value.replaceAll(",", ""));
}

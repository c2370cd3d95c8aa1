// Sums the passed and failed counts of Vitest's and Playwright's JSON reports into the one
// closing line CI reads. A report that is missing counts as a failure: a runner that crashed
// must not look like a runner that passed.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let missing = false;

if (vitestFile && existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed +=
    (report.numFailedTests ?? 0) +
    (report.numTotalTestSuites && report.success === false && !report.numFailedTests ? 1 : 0);
} else {
  console.error(`[specwave tests] no Vitest report at ${vitestFile}`);
  failed += 1;
  missing = true;
}

if (playwrightFile && existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, "utf8"));
  const stats = report.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  if ((report.errors ?? []).length > 0 && !stats.unexpected) failed += 1;
} else {
  console.error(`[specwave tests] no Playwright report at ${playwrightFile}`);
  failed += 1;
  missing = true;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing ? 1 : 0);

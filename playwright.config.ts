import { defineConfig } from "@playwright/test";

/** Browser tests in Debian's Chromium (Playwright's own browser downloads cannot work here). */
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 1,
  outputDir: "test-results",
  reporter: [["list"], ["json", { outputFile: "test-reports/e2e-results.json" }]],
  use: {
    baseURL: "http://127.0.0.1:3210",
    // Signed in as the approver (global setup creates the team); tests that need someone else
    // open a context with that person's state (e2e/support/people.ts).
    storageState: "e2e/.auth/approver.json",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});

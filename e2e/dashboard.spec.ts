import { readFile } from "node:fs/promises";
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { stateFile } from "./support/people";

/**
 * The PM dashboard against a real Specwave: upload with an error then fixed, the story drawer from
 * the Gantt, an approval from a second page seen live on the first, the coverage table and its
 * CSV, themes, and spec text that tries to run script. One run flows through the tests in order.
 */
test.describe.configure({ mode: "serial" });

const artifacts = path.resolve(import.meta.dirname, "../artifacts");

function execSpec(a2DependsOn: string): string {
  return `---
spec: DASH-E2E
feature: dashboard
workstreams:
  A1:
    name: Ledger schema
    agent: backend-developer
    depends_on: []
    outputs:
      - src/ledger/schema.ts
  A2:
    name: Ledger service
    agent: backend-developer
    depends_on: [${a2DependsOn}]
    outputs:
      - src/ledger/service.ts
  A3:
    name: Ledger report
    agent: frontend-developer
    depends_on: [A1]
    outputs:
      - src/ledger/report.ts
execution_phases:
  - name: Schema
    parallel: [A1]
  - name: Service and report
    parallel: [A2, A3]
---

# Dashboard E2E ledger

## A1 Ledger schema

A ledger table.

## A2 Ledger service

Post and reverse entries.

## A3 Ledger report

A balance report.
`;
}

const upload = (page: Page, name: string, content: string) =>
  page
    .getByTestId("spec-upload")
    .setInputFiles({ name, mimeType: "text/markdown", buffer: Buffer.from(content) });

let context: BrowserContext;
let page: Page;
let runUrl = "";

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    storageState: stateFile("approver"),
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

test("an upload with an unknown dependency shows the error with its file and line; fixed, it starts and a Gantt bar opens the drawer", async () => {
  await page.goto("/");
  await upload(page, "ledger.md", execSpec("A9"));
  const errors = page.getByTestId("errors");
  await expect(errors).toContainText("unknown_dependency");
  await expect(errors).toContainText(/ledger\.md:\d+/);
  await expect(errors).toContainText("A9");
  await expect(page.getByRole("button", { name: "Start run" })).toHaveCount(0);

  await upload(page, "ledger.md", execSpec("A1"));
  await expect(page.getByTestId("errors")).toHaveCount(0);
  await expect(page.getByTestId("plan-waves").locator("tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  runUrl = new URL(page.url()).pathname;

  // A1's bar appears once it runs; clicking it opens the drawer with the item in the URL.
  await page.getByTestId("bar-A1").click();
  const drawer = page.getByRole("dialog", { name: /A1/ });
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(/[?&]story=A1(&|$)/);
  await expect(drawer.getByRole("button", { name: "Close item details" })).toBeFocused();
  // The drawer follows the item live: it finishes with its tests, files and commit.
  await expect(drawer.getByTestId("drawer-status")).toHaveAttribute("data-status", "succeeded", {
    timeout: 30_000,
  });
  await expect(drawer.getByTestId("drawer-evidence")).toContainText(/\d+ written, \d+ passed, 0 failed/);
  await expect(drawer.getByTestId("drawer-files")).toContainText("src/ledger/schema.ts");
  await expect(drawer.getByTestId("drawer-commit")).toHaveText(/^[0-9a-f]{7,40}$/);

  // Focus stays inside: Tab from the last control wraps to the first.
  for (let i = 0; i < 10; i += 1) await page.keyboard.press("Tab");
  await expect(drawer.locator(":focus")).toHaveCount(1);

  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]story=/);

  // A shared link with ?story= opens the drawer directly.
  await page.goto(`${runUrl}?story=A1`);
  await expect(page.getByRole("dialog", { name: /A1/ })).toBeVisible();
  await page.keyboard.press("Escape");
});

test("a wave approved from a second page updates the first without a reload", async () => {
  const prompt = page.getByTestId("approval-prompt");
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  await expect(prompt).toContainText("Wave 1");
  await page.emulateMedia({ colorScheme: "light" });
  await prompt.screenshot({ path: path.join(artifacts, "approval-prompt.png") });

  const second = await context.newPage();
  await second.goto(runUrl);
  const secondPrompt = second.getByTestId("approval-prompt");
  await expect(secondPrompt).toBeVisible();
  await secondPrompt.getByLabel("Comment (optional)").fill("from the second page");
  await secondPrompt.getByRole("button", { name: "Continue" }).click();

  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId("last-decision")).toContainText("continue by");
  await expect(page.getByTestId("last-decision")).toContainText("from the second page");
  await second.close();

  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "succeeded", {
    timeout: 60_000,
  });
});

test("the run page in light and dark", async () => {
  await page.emulateMedia({ colorScheme: "light" });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.screenshot({ path: path.join(artifacts, "run-light.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.screenshot({ path: path.join(artifacts, "run-dark.png"), fullPage: true });
  expect(dark).not.toBe(light);
  await page.emulateMedia({ colorScheme: "light" });
});

test("the coverage table of the finished run sorts in the URL and downloads as CSV; the runs list filters by status", async () => {
  await page.getByRole("link", { name: "Coverage" }).click();
  await expect(page).toHaveURL(new RegExp(`${runUrl}/coverage`));
  const table = page.getByTestId("coverage-table");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  const a1 = page.getByTestId("coverage-row-A1");
  await expect(a1.locator("td").nth(0)).toHaveText("A1");
  await expect(a1.locator("td").nth(3)).toHaveText(/^[1-9]\d*$/);
  await expect(a1.locator("td").nth(5)).toHaveText("0");
  await expect(a1.locator("td").nth(6)).toHaveText(/%/);

  await table.getByRole("button", { name: /^Lines/ }).click();
  await expect(page).toHaveURL(/sort=lines&dir=asc/);
  await expect(table.getByRole("columnheader", { name: /^Lines/ })).toHaveAttribute("aria-sort", "ascending");
  // Each click turns the sort from what the URL says: wait for the first to land before the second.
  await table.getByRole("button", { name: /^Item/ }).click();
  await expect(page).toHaveURL(/sort=key&dir=asc/);
  await table.getByRole("button", { name: /^Item/ }).click();
  await expect(page).toHaveURL(/sort=key&dir=desc/);
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-testid", "coverage-row-A3");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^coverage-run_.+\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe(
    "item,title,status,tests,passed,failed,lines_pct,branches_pct,changed_lines_pct,lines_below_threshold,branches_below_threshold",
  );
  expect(lines.find((line) => line.startsWith("A1,"))).toMatch(
    /^A1,Ledger schema,succeeded,[1-9]\d*,[1-9]\d*,0,/,
  );

  await page.goto("/?status=succeeded");
  const runId = runUrl.split("/").at(-1) ?? "";
  await expect(page.getByTestId(`run-row-${runId}`)).toContainText("3/3");
  await expect(page.getByTestId(`run-row-${runId}`)).toContainText("approver@example.com");
  await page.getByTestId("runs-status-filter").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByTestId(`run-row-${runId}`)).toHaveCount(0);
});

test("script in a spec's title and body is shown as text and never runs", async () => {
  const script = "<script>window.__xss=1</script>";
  const img = `<img src=x onerror="window.__xss=2">`;
  const spec = `---
spec: XSS
workstreams:
  X1:
    name: '${img} Payload item'
    agent: backend-developer
    depends_on: []
    outputs:
      - src/x.ts
execution_phases:
  - name: Only
    parallel: [X1]
---

# ${script} Payload ${img}

## X1 Payload item

${script} and ${img} in the body.
`;
  await page.goto("/");
  await upload(page, "xss.md", spec);
  await expect(page.getByTestId("plan-waves")).toContainText(script);
  await expect(page.getByTestId("plan-waves")).toContainText(img);
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  // The run page names the run by its file; the item's title carries the payload.
  await expect(page.getByTestId("items-table")).toContainText(`${img} Payload item`);
  await page.goto(`${new URL(page.url()).pathname}?story=X1`);
  await expect(page.getByRole("dialog")).toContainText(`${img} Payload item`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator("main img")).toHaveCount(0);
  await expect(page.locator("main script")).toHaveCount(0);
});

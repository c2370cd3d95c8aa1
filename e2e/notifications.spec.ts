import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { buildZip, renameEntry } from "../server/uploads/zip-fixtures";
import { approverApi, stateFile } from "./support/people";

/**
 * The dashboard around a run: a folder or a zip uploaded from the upload panel (and the server's
 * refusals shown as it words them), the theme picker, and the notification that a wave waits for
 * approval on every other page, without a reload. Every run started here is cancelled here, so
 * no other test file sees its notifications.
 */

const repo = path.resolve(import.meta.dirname, "..");
const demoSpecPath = path.join(repo, "examples/specs/exec-spec-demo.md");
const started: string[] = [];

const runStatus = async (runId: string) =>
  (await approverApi<{ status: string }>(`/api/v1/runs/${runId}`)).status;

async function startDemoRun(): Promise<string> {
  const content = await readFile(demoSpecPath, "utf8");
  const spec = await approverApi<{ id: string }>("/api/v1/specs", {
    method: "POST",
    body: JSON.stringify({ files: [{ name: "exec-spec-demo.md", content }] }),
  });
  const { runId } = await approverApi<{ runId: string }>("/api/v1/runs", {
    method: "POST",
    body: JSON.stringify({ specId: spec.id }),
  });
  started.push(runId);
  return runId;
}

test.afterAll(async () => {
  for (const runId of started) {
    await approverApi(`/api/v1/runs/${runId}/cancel`, { method: "POST" });
  }
});

const notificationOf = (page: Page, runId: string) =>
  page.locator(`[data-testid="approval-notification"][data-run-id="${runId}"]`);

test("a zip, a dropped zip and a folder of stories show their planned waves; a zip climbing out with ../ and an upload over the limit are refused with the server's reason", async ({
  page,
}) => {
  const demo = await readFile(demoSpecPath, "utf8");
  const upload = page.getByTestId("spec-upload");
  const plan = page.getByTestId("plan-waves");
  await page.goto("/");

  // A zip through the file picker: sent as multipart, expanded by the server, named after the zip.
  const zip = await buildZip([{ name: "specs/exec-spec-demo.md", content: demo }]);
  await upload.setInputFiles({ name: "invitations.zip", mimeType: "application/zip", buffer: zip });
  await expect(page.getByTestId("upload-selection")).toContainText("invitations");
  await expect(page.getByTestId("detected-format")).toHaveText("exec-spec");
  await expect(plan.locator("tbody tr")).toHaveCount(3);
  await expect(plan).toContainText("WS1");

  // A zip with an entry that climbs out of the upload: the server's reason, in the error area.
  const climbing = renameEntry(
    await buildZip([{ name: "xx/evil.md", content: "# Evil" }]),
    "xx/evil.md",
    "../evil.md",
  );
  await upload.setInputFiles({ name: "climbing.zip", mimeType: "application/zip", buffer: climbing });
  const error = page.getByTestId("upload-error");
  await expect(error).toContainText('climbing.zip: entry "../evil.md" points outside the upload');
  await expect(plan).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start run" })).toHaveCount(0);

  // Over the request limit: refused by size before the server reads it (413), and said so.
  await upload.setInputFiles({
    name: "huge.zip",
    mimeType: "application/zip",
    buffer: Buffer.alloc(11 * 1024 * 1024, 0x61),
  });
  await expect(error).toContainText("the limit is 10 MiB");

  // A zip dropped on the upload area.
  await page.getByTestId("spec-drop-zone").dispatchEvent("drop", {
    dataTransfer: await page.evaluateHandle(
      (bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], "dropped.zip", { type: "application/zip" }));
        return transfer;
      },
      [...zip],
    ),
  });
  await expect(page.getByTestId("upload-selection")).toContainText("dropped");
  await expect(error).toHaveCount(0);
  await expect(plan.locator("tbody tr")).toHaveCount(3);

  // A folder of stories through the folder picker: every file keeps its path inside the folder.
  const parent = await mkdtemp(path.join(os.tmpdir(), "specwave-folder-"));
  const folder = path.join(parent, "invitations");
  await mkdir(path.join(folder, "notes"), { recursive: true });
  await writeFile(path.join(folder, "exec-spec-demo.md"), demo);
  await writeFile(path.join(folder, "notes", "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await page.getByTestId("spec-folder-upload").setInputFiles(folder);
  await expect(page.getByTestId("upload-selection")).toHaveText("invitations: invitations/exec-spec-demo.md");
  await expect(plan.locator("tbody tr")).toHaveCount(3);

  // Stored from the folder as multipart too: the run carries the folder's name.
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  const runId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  started.push(runId);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("invitations");
  await approverApi(`/api/v1/runs/${runId}/cancel`, { method: "POST" });
});

test("the theme picker's choice applies at once, is there before the first paint after a reload, and system follows the system", async ({
  page,
}, testInfo) => {
  // Records <html>'s classes when <body> first appears, i.e. before anything is painted.
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { classAtBody: string }).classAtBody = document.documentElement.className;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const htmlHasDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));

  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAccessibleName("Theme");
  await expect(toggle).toHaveValue("system");
  expect(await htmlHasDark()).toBe(false);
  const light = await background();

  await toggle.selectOption("dark");
  expect(await htmlHasDark()).toBe(true);
  const dark = await background();
  expect(dark).not.toBe(light);

  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { classAtBody?: string }).classAtBody)).toContain(
    "dark",
  );
  expect(await htmlHasDark()).toBe(true);
  await expect(page.getByTestId("theme-toggle")).toHaveValue("dark");
  expect(await background()).toBe(dark);
  await page.screenshot({ path: testInfo.outputPath("dashboard-dark.png") });

  // A chosen light stays light on a dark system; "system" follows the system again.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByTestId("theme-toggle").selectOption("light");
  expect(await background()).toBe(light);
  await page.getByTestId("theme-toggle").selectOption("system");
  expect(await page.evaluate(() => document.documentElement.className)).toBe("");
  expect(await background()).toBe(dark);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background()).toBe(light);
});

test("a wave waiting for approval is notified on another page without a reload, links to its run, and is dismissed per request", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto("/settings/tokens");
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  const runId = await startDemoRun();
  const notification = notificationOf(page, runId);
  await expect(notification).toBeVisible({ timeout: 90_000 });
  await expect(notification).toHaveAttribute("role", "status");
  await expect(notification).toContainText("Wave 1 of exec-spec-demo.md is waiting for approval");
  const open = notification.getByRole("link", { name: "Open run" });
  await expect(open).toHaveAttribute("href", `/runs/${runId}`);
  // It came to the open page: the page was never reloaded.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
  await page.screenshot({ path: testInfo.outputPath("approval-notification.png") });

  // Someone who may not read the run's project is not told about it.
  const outsider = await browser.newContext({ storageState: stateFile("outsider") });
  const outsiderPage = await outsider.newPage();
  const answered = outsiderPage.waitForResponse(
    (response) => response.url().includes("/api/v1/runs?status=awaiting_approval") && response.ok(),
  );
  await outsiderPage.goto("/");
  await answered;
  await expect(outsiderPage.getByTestId("approval-notification")).toHaveCount(0);
  await outsider.close();

  // On the run's own page the banner says it; the notification does not repeat it.
  await open.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId("approval-prompt")).toBeVisible();
  await expect(notification).toHaveCount(0);

  // Dismissed, it stays dismissed on other pages and after a reload...
  await page.goto("/");
  await notification.getByRole("button", { name: /^Dismiss/ }).click();
  await expect(notification).toHaveCount(0);
  const polled = (what: string) => page.waitForResponse((response) => response.url().endsWith(what));
  const runRead = polled(`/api/v1/runs/${runId}`);
  await page.reload();
  await runRead;
  // A poll after the run was read: the page has had its chance to show it again.
  await polled("/api/v1/runs?status=awaiting_approval&limit=20");
  await expect(notification).toHaveCount(0);

  // ...but the run's next request is a new one: approved elsewhere, wave 2 is notified again.
  await approverApi(`/api/v1/runs/${runId}/approvals`, {
    method: "POST",
    body: JSON.stringify({ waveIndex: 0, decision: "continue" }),
  });
  await expect(notification).toContainText("Wave 2 of exec-spec-demo.md is waiting for approval", {
    timeout: 90_000,
  });

  // Cancelled elsewhere, the notification goes on its own.
  await approverApi(`/api/v1/runs/${runId}/cancel`, { method: "POST" });
  await expect.poll(() => runStatus(runId)).toBe("cancelled");
  await expect(notification).toHaveCount(0);
});

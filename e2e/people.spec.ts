import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { cleanEnv } from "../server/cli/int-server";
import { approverApi, baseUrl, people, stateFile } from "./support/people";

/**
 * Sign-in, roles and tokens in a real browser: signed-out pages send people to sign in, a viewer
 * follows a run without any approval control, forged requests change nothing, and a token made
 * in the dashboard drives the CLI until it is revoked.
 */
test.describe.configure({ mode: "serial" });

const repo = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);
let runId = "";

async function runStatus(): Promise<string> {
  return (await approverApi<{ status: string }>(`/api/v1/runs/${runId}`)).status;
}

/** `specwave status <run>` with a token, as a CI job runs it. */
async function cliStatus(token: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [path.join(repo, "bin/specwave.mjs"), "status", runId, "--url", baseUrl], {
      cwd: repo,
      env: cleanEnv({ SPECWAVE_TOKEN: token }),
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, stderr: failed.stderr ?? "" };
  }
}

test.beforeAll(async () => {
  // A run waiting at its first approval, started by the approver through the API.
  const content = await readFile(path.join(repo, "examples/specs/exec-spec-demo.md"), "utf8");
  const spec = await approverApi<{ id: string }>("/api/v1/specs", {
    method: "POST",
    body: JSON.stringify({ files: [{ name: "exec-spec-demo.md", content }] }),
  });
  runId = (
    await approverApi<{ runId: string }>("/api/v1/runs", {
      method: "POST",
      body: JSON.stringify({ specId: spec.id }),
    })
  ).runId;
  await expect.poll(runStatus, { timeout: 90_000 }).toBe("awaiting_approval");
});

test("signed out, a page sends you to sign in; a wrong password is refused; signing in brings you back", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`/runs/${runId}`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  const form = page.getByTestId("sign-in-form");
  await form.getByLabel("Email").fill("viewer@example.com");
  await form.getByLabel("Password").fill("not the password");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
  await form.getByLabel("Password").fill(people().viewer.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId("user-menu")).toContainText("viewer@example.com");
  // The first-run page is closed once Specwave has an administrator.
  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
  await context.close();
});

test("a viewer follows the run but sees no approval buttons, item actions or upload, and a forged approval is refused", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: stateFile("viewer") });
  const page = await context.newPage();
  await page.goto(`/runs/${runId}`);
  const prompt = page.getByTestId("approval-prompt");
  await expect(prompt).toBeVisible();
  await expect(page.getByTestId("approval-waiting")).toBeVisible();
  await expect(prompt.getByRole("button", { name: "Continue" })).toHaveCount(0);
  // (The Gantt's own "Pause" only pauses live updates on this page.)
  await expect(prompt.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Retry|Skip|Cancel run/ })).toHaveCount(0);

  // The API refuses what the page does not offer.
  const answer = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/runs/${id}/approvals`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ waveIndex: 0, decision: "continue" }),
    });
    return { status: response.status, body: await response.json() };
  }, runId);
  expect(answer).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });

  await page.goto("/");
  await expect(page.getByTestId("spec-upload")).toHaveCount(0);
  expect(await runStatus()).toBe("awaiting_approval");
  await context.close();
});

test("a forged cross-site approval made with the approver's session changes nothing", async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateFile("approver") });
  const page: Page = await context.newPage();
  // A page on another site that posts to Specwave as soon as it loads.
  await page.route("http://evil.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form id="f" method="POST" action="${baseUrl}/api/v1/runs/${runId}/approvals" enctype="text/plain">
        <input name='{"waveIndex":0,"decision":"continue","x":"' value='"}'></form>
        <script>document.getElementById("f").submit()</script>`,
    }),
  );
  const posted = page.waitForResponse((response) =>
    response.url().includes(`/api/v1/runs/${runId}/approvals`),
  );
  await page.goto("http://evil.example/attack");
  const response = await posted;
  // The session cookie (SameSite=Lax) is not sent on a cross-site POST: the request is anonymous.
  expect(response.status()).toBe(401);

  // Even with the cookie, a change from another origin is refused (the CSRF check).
  const forged = await page.request.post(`${baseUrl}/api/v1/runs/${runId}/approvals`, {
    headers: { origin: "http://evil.example", "content-type": "application/json" },
    data: { waveIndex: 0, decision: "continue" },
  });
  expect(forged.status()).toBe(403);
  expect(await runStatus()).toBe("awaiting_approval");
  await context.close();
});

test("a token made in the dashboard works on the CLI and stops working when revoked", async ({ page }) => {
  await page.goto("/settings/tokens");
  const create = page.getByTestId("token-create");
  await create.getByLabel("Token name").fill("CI on main");
  await create.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("token-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^swt_/);

  expect(await cliStatus(token)).toMatchObject({ code: 0 });

  const row = page.getByTestId("token-row").filter({ hasText: "CI on main" });
  await row.getByRole("button", { name: "Revoke token CI on main" }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText(/revoked/i);

  const after = await cliStatus(token);
  expect(after.code).toBe(3);
  expect(after.stderr).toContain("unauthenticated");
});

test("an administrator reads the audit log; the approver cannot open the administration page", async ({
  browser,
  page,
}) => {
  await page.goto("/admin");
  await expect(page.getByTestId("admin-forbidden")).toBeVisible();

  const context = await browser.newContext({ storageState: stateFile("admin") });
  const admin = await context.newPage();
  await admin.goto("/admin");
  const audit = admin.getByTestId("admin-audit");
  await expect(audit).toContainText("token_revoked");
  await expect(audit).toContainText("run_started");
  await expect(admin.getByTestId("admin-users")).toContainText("viewer@example.com");
  await admin.getByTestId("sign-out").click();
  await expect(admin).toHaveURL(/\/sign-in/);
  await context.close();
});

import path from "node:path";
import { expect, test } from "@playwright/test";

const demoSpec = path.resolve(import.meta.dirname, "../examples/specs/exec-spec-demo.md");

test("a PM uploads the example EXEC-SPEC, runs it wave by wave and sees it succeed", async ({
  page,
}, testInfo) => {
  await page.goto("/");
  await page.getByTestId("spec-upload").setInputFiles(demoSpec);

  await expect(page.getByTestId("detected-format")).toHaveText("exec-spec");
  const plan = page.getByTestId("plan-waves");
  await expect(plan.locator("tbody tr")).toHaveCount(3);
  await expect(plan).toContainText("WS1");
  // The spec's own gate commands are shown, exactly, before anything runs.
  await expect(page.getByTestId("spec-gate-commands")).toContainText("type-check: npx tsc --noEmit");

  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);

  // The first story's bar moves live, without a reload: running, then done.
  const ws1 = page.getByTestId("story-row-WS1");
  await expect(ws1).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("bar-WS1")).toBeVisible();
  await expect(ws1).toHaveAttribute("data-status", "succeeded");

  for (const wave of [1, 2]) {
    const prompt = page.getByTestId("approval-prompt");
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText(`Wave ${wave}`);
    // The prompt carries the wave's gate results and each item's tests.
    await expect(prompt.getByTestId("gate-results")).toContainText("clean-worktree");
    await expect(prompt).toContainText("tests 2/2");
    await prompt.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId(`wave-row-${wave - 1}`)).toHaveAttribute("data-status", "passed");
  }

  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "succeeded", {
    timeout: 30_000,
  });
  for (const key of ["WS1", "WS2", "WS3", "WS4", "WS5"]) {
    await expect(page.getByTestId(`story-row-${key}`)).toHaveAttribute("data-status", "succeeded");
  }
  await expect(page.getByTestId("last-decision")).toContainText("continue by");
  // Every "done" has its evidence: the tests the tester wrote ran and passed, with coverage.
  for (const key of ["WS1", "WS5"]) {
    await expect(page.getByTestId(`tests-${key}`)).toHaveText("2/2 passed");
  }

  await page.screenshot({ path: testInfo.outputPath("gantt-finished.png"), fullPage: true });
  await page.screenshot({
    path: path.resolve(import.meta.dirname, "../artifacts/gantt-finished.png"),
    fullPage: true,
  });

  await page.reload();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("story-row-WS5")).toHaveAttribute("data-status", "succeeded");
});

import { expect, test } from "@playwright/test";

/**
 * The upload page with pasted text: the plan of a spec-kit task list, each warning and error with
 * the text of its line (markup in it shown as text), suggested dependencies accepted (the waves
 * are planned again, a circle is refused and undone) and the Gantt preview; the run starts with
 * the accepted dependency applied.
 */
const tasks = `# Tasks: Ledger

## Phase 1: Setup
- [ ] T001 [P] Create the ledger schema in src/ledger/schema.ts
- [ ] T002 [P] Create the ledger service in src/ledger/service.ts
- [ ] T003 [P] Write the ledger report in src/ledger/report.ts

## Dependencies
- T002 depends on T001 <img src=x onerror="window.__pwned=1">
- T001 depends on T002
`;

test("pasted text is planned like a picked file; accepting a suggested dependency plans the waves again", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByText("or paste the spec's text").click();
  await expect(page.getByTestId("paste-name")).toHaveValue("tasks.md");
  await page.getByTestId("paste-text").fill(tasks);
  await page.getByTestId("paste-preview").click();

  await expect(page.getByTestId("detected-format")).toHaveText("spec-kit");
  const waves = page.getByTestId("plan-waves").locator("tbody tr");
  await expect(waves).toHaveCount(1);

  // The warning about the prose shows its line, as text: the markup in it is not an element.
  const prose = page
    .getByTestId("warnings")
    .locator("li")
    .filter({ hasText: "dependency_from_prose" })
    .first();
  await expect(prose).toContainText("tasks.md:9");
  await expect(prose.getByTestId("issue-source-line")).toContainText(
    '- T002 depends on T001 <img src=x onerror="window.__pwned=1">',
  );
  await expect(page.getByTestId("warnings").locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // The Gantt preview: one bar per item, all in the one wave, with an accessible name.
  const gantt = page.getByTestId("plan-gantt");
  await expect(gantt.getByRole("img", { name: /Gantt preview of 3 items in 1 wave/ })).toBeVisible();
  await expect(gantt.getByTestId("gantt-bar")).toHaveCount(3);
  await expect(gantt.locator('[data-item="T002"]')).toHaveAttribute("data-wave", "0");

  // Accepting T002 ← T001 makes it a real dependency: T002 moves to a second wave.
  const suggestions = page.getByTestId("suggested-dependencies");
  await expect(suggestions.getByTestId("suggested-dependency")).toHaveCount(2);
  await suggestions.getByRole("button", { name: "Accept: T002 depends on T001" }).click();
  await expect(waves).toHaveCount(2);
  await expect(waves.nth(1)).toContainText("T002");
  await expect(gantt.locator('[data-item="T002"]')).toHaveAttribute("data-wave", "1");
  await expect(gantt.getByRole("img", { name: /in 2 waves/ })).toBeVisible();

  // Accepting the opposite one would make a circle: a clear error with its line, and no start.
  await suggestions.getByRole("button", { name: "Accept: T001 depends on T002" }).click();
  const cycle = page.getByTestId("errors").locator("li").filter({ hasText: "accepted_dependency_cycle" });
  await expect(cycle).toContainText("would make a circle");
  await expect(cycle.getByTestId("issue-source-line")).toContainText("T001 [P] Create the ledger schema");
  await expect(page.getByRole("button", { name: "Start run" })).toHaveCount(0);
  await suggestions.getByRole("button", { name: "Undo: T001 depends on T002" }).click();
  await suggestions.getByRole("button", { name: "Reject: T001 depends on T002" }).click();
  await expect(page.getByTestId("errors")).toHaveCount(0);
  await expect(waves).toHaveCount(2);
  await expect(suggestions.locator('[data-decision="rejected"]')).toContainText("T001");

  // The run starts with the accepted dependency applied, and the settings chosen on the page.
  await page.getByLabel("Items at once").fill("2");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/run_/);
  await expect(page.getByTestId("run-settings")).toContainText("2 items at once");
  const runId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  const run = (await (await page.request.get(`/api/v1/runs/${runId}`)).json()) as {
    waves: { index: number }[];
    stories: { key: string; dependsOn: string[] }[];
    settings: { concurrency?: number };
  };
  expect(run.settings.concurrency).toBe(2);
  expect(run.waves).toHaveLength(2);
  expect(run.stories.find((story) => story.key === "T002")?.dependsOn).toEqual(["T001"]);
});

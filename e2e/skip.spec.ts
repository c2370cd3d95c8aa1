import { expect, test } from "@playwright/test";
import { approverApi } from "./support/people";

/**
 * Skipping an item that others depend on asks first: the page shows which items would go on
 * without it, "Keep it" changes nothing, "Skip anyway" skips it.
 */
const spec = `---
spec: EXEC-SPEC-SKIP-CONFIRM
feature: skip-confirm
service: SkipService

workstreams:
  SKIPA:
    name: Base tables
    agent: backend-developer
    depends_on: []
  SKIPB:
    name: Ledger API
    agent: backend-developer
    depends_on: [SKIPA]
  SKIPC:
    name: Ledger page
    agent: frontend-developer
    depends_on: [SKIPB]

execution_phases:
  - parallel: [SKIPA]
  - parallel: [SKIPB]
  - parallel: [SKIPC]
---

# EXEC-SPEC-SKIP-CONFIRM
`;

test("skipping an item others depend on asks first, naming them", async ({ page }) => {
  const uploaded = await approverApi<{ id: string }>("/api/v1/specs", {
    method: "POST",
    body: JSON.stringify({ files: [{ name: "exec-spec-skip-confirm.md", content: spec }] }),
  });
  // Approval required: the run waits after the first wave, so SKIPB stays pending.
  const { runId } = await approverApi<{ runId: string }>("/api/v1/runs", {
    method: "POST",
    body: JSON.stringify({ specId: uploaded.id, settings: { approval: "required" } }),
  });

  await page.goto(`/runs/${runId}?story=SKIPB`);
  const drawer = page.getByRole("dialog", { name: /SKIPB/ });
  await expect(drawer.getByTestId("drawer-status")).toHaveAttribute("data-status", "pending");

  await drawer.getByRole("button", { name: "Skip SKIPB" }).click();
  const confirm = drawer.getByRole("alertdialog", { name: "Confirm skipping SKIPB" });
  await expect(confirm).toContainText("SKIPC");
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(confirm).toHaveCount(0);
  const states = async () =>
    (await approverApi<{ stories: { key: string; status: string }[] }>(`/api/v1/runs/${runId}`)).stories.find(
      (story) => story.key === "SKIPB",
    )?.status;
  expect(await states()).toBe("pending");

  await drawer.getByRole("button", { name: "Skip SKIPB" }).click();
  await drawer
    .getByRole("alertdialog", { name: "Confirm skipping SKIPB" })
    .getByRole("button", { name: "Skip anyway" })
    .click();
  await expect(drawer.getByTestId("drawer-status")).toHaveAttribute("data-status", "skipped");
  expect(await states()).toBe("skipped");
  await approverApi(`/api/v1/runs/${runId}/cancel`, { method: "POST", body: "{}" }).catch(() => undefined);
});

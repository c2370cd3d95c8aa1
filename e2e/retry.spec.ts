import { expect, test } from "@playwright/test";
import { approverApi } from "./support/people";

/**
 * A failing item that a retry fixes: the e2e server's demo agent fails RETRY1's implementer on
 * attempts 1 and 2 (`SPECWAVE_DEMO_FAIL_ITEMS=RETRY1@2`), which with the default two attempts per
 * step fails the item; a Retry grants two more attempts, and the third succeeds.
 */
const spec = `---
spec: EXEC-SPEC-RETRY
feature: retry-demo
service: RetryService

workstreams:
  RETRY1:
    name: Flaky exporter
    agent: backend-developer
    depends_on: []
    outputs:
      - src/retry/exporter.ts

execution_phases:
  - name: Only wave
    parallel: [RETRY1]
---

# EXEC-SPEC-RETRY: a failure that a retry fixes

## RETRY1 Flaky exporter

Export the ledger as CSV.
`;

test("an item that fails shows its error in the drawer; Retry runs it again and it succeeds live", async ({
  page,
}) => {
  const uploaded = await approverApi<{ id: string }>("/api/v1/specs", {
    method: "POST",
    body: JSON.stringify({ files: [{ name: "exec-spec-retry.md", content: spec }] }),
  });
  const { runId } = await approverApi<{ runId: string }>("/api/v1/runs", {
    method: "POST",
    body: JSON.stringify({ specId: uploaded.id, settings: { approval: "automatic", strict: true } }),
  });

  await page.goto(`/runs/${runId}?story=RETRY1`);
  const drawer = page.getByRole("dialog", { name: /RETRY1/ });
  await expect(drawer).toBeVisible();
  // Both attempts of the implementer fail: the item fails, with the agent's reason.
  await expect(drawer.getByTestId("drawer-status")).toHaveAttribute("data-status", "failed", {
    timeout: 90_000,
  });
  await expect(drawer).toContainText("the agent exited with 1: failed on purpose");

  // The approver retries from the drawer; the page follows the item live to success.
  await drawer.getByRole("button", { name: "Retry RETRY1" }).click();
  await expect(drawer.getByTestId("drawer-status")).not.toHaveAttribute("data-status", "failed");
  // The implementer's output tail arrives while it runs (the demo agent prints a first line at once).
  await expect(drawer.getByTestId("drawer-agent-log")).toContainText("working on RETRY1 (attempt 3)");
  await expect(drawer.getByTestId("drawer-status")).toHaveAttribute("data-status", "succeeded", {
    timeout: 90_000,
  });
  await expect(drawer.getByRole("button", { name: "Retry RETRY1" })).toHaveCount(0);
  await expect(drawer.getByTestId("drawer-commit")).toHaveText(/^[0-9a-f]{7,40}$/);
  // Files changed: the commit's files, each patch on demand, added lines marked with a sign.
  const exporter = drawer.getByTestId("diff-file").filter({ hasText: "src/retry/exporter.ts" });
  await expect(exporter).toBeVisible();
  await expect(exporter).toContainText("+2");
  await expect(exporter).toContainText("−0");
  await exporter.getByRole("button").click();
  await expect(exporter.getByRole("button")).toHaveAttribute("aria-expanded", "true");
  const added = exporter.getByTestId("diff-patch").locator('[data-kind="added"]');
  await expect(added.first()).toContainText("+");
  await expect(added.filter({ hasText: "part of RETRY1" })).toHaveCount(1);
  await expect
    .poll(async () => (await approverApi<{ status: string }>(`/api/v1/runs/${runId}`)).status, {
      timeout: 60_000,
    })
    .toBe("succeeded");
});

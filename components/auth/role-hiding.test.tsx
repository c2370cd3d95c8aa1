import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApprovalPrompt } from "../approvals/approval-prompt";
import { run, story } from "../gantt/testing/run-fixture";
import { ItemActions } from "../runs/item-actions";
import { UploadPanel } from "../specs/upload-panel";
import type { Me, ProjectRole } from "./capabilities";
import { capabilitiesIn } from "./capabilities";
import { meQuery } from "./me";

/** Renders with the person's /api/v1/me answer already in the cache, as after the first request. */
function render(role: ProjectRole | null, node: ReactNode): string {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });
  const projects: Me["projects"] = role
    ? [
        {
          id: "prj_demo",
          name: "Demo",
          role,
          can: { read: true, operate: role !== "viewer", administer: role === "admin" },
        },
      ]
    : [];
  const me: Me = {
    user: { id: "usr_1", email: "ada@example.com", name: "Ada", isAdmin: false },
    via: "session",
    projects,
  };
  expect(capabilitiesIn(me, "prj_demo").read).toBe(role !== null);
  client.setQueryData(meQuery().queryKey, me);
  return renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

const awaiting = run({
  status: "awaiting_approval",
  waves: [
    { id: "w0", index: 0, name: "Phase 1", status: "awaiting_approval", startedAt: null, finishedAt: null },
  ],
  stories: [story({ id: "s1", key: "WS1", status: "succeeded" })],
});

describe("the approval prompt", () => {
  it("gives an approver Continue, Pause and a comment", () => {
    const html = render("approver", <ApprovalPrompt run={awaiting} />);
    expect(html).toContain(">Continue</button>");
    expect(html).toContain(">Pause</button>");
    expect(html).toContain("Comment (optional)");
    expect(html).not.toContain("approval-waiting");
  });

  it("shows a viewer the same wave summary, waiting for an approver, with no buttons", () => {
    const html = render("viewer", <ApprovalPrompt run={awaiting} />);
    expect(html).toContain('data-testid="approval-prompt"');
    expect(html).toContain('data-testid="approval-waiting"');
    expect(html).toContain("1 of 1 items done");
    expect(html).not.toContain(">Continue</button>");
    expect(html).not.toContain(">Pause</button>");
    expect(html).not.toContain("Comment (optional)");
  });
});

describe("item actions", () => {
  const failed = story({ key: "WS2", status: "failed" });

  it("offers retry and skip to an approver", () => {
    const html = render(
      "approver",
      <ItemActions runId="run_1" projectId="prj_demo" story={failed} runActive />,
    );
    expect(html).toContain('aria-label="Retry WS2"');
    expect(html).toContain('aria-label="Skip WS2"');
  });

  it("offers nothing to a viewer, or to someone outside the project", () => {
    expect(
      render("viewer", <ItemActions runId="run_1" projectId="prj_demo" story={failed} runActive />),
    ).toBe("");
    expect(
      render("approver", <ItemActions runId="run_1" projectId="prj_other" story={failed} runActive />),
    ).toBe("");
  });
});

describe("the upload panel", () => {
  it("tells a viewer whom to ask instead of showing upload controls", () => {
    const html = render("viewer", <UploadPanel />);
    expect(html).toContain("You can view runs; ask an administrator for the approver role to upload specs.");
    expect(html).not.toContain('data-testid="spec-upload"');
    expect(html).not.toContain("Start run");
  });
});

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { Me } from "../auth/capabilities";
import { meQuery } from "../auth/me";
import { AdminPage } from "./admin-page";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => undefined }),
  usePathname: () => "/admin",
  useSearchParams: () => new URLSearchParams(),
}));

function render(me: Me): string {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });
  client.setQueryData(meQuery().queryKey, me);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <AdminPage />
    </QueryClientProvider>,
  );
}

const user = { id: "usr_1", email: "ada@example.com", name: "Ada" };
const demo = (role: "viewer" | "approver" | "admin") => ({
  id: "prj_demo",
  name: "Demo",
  role,
  can: { read: true, operate: role !== "viewer", administer: role === "admin" },
});

describe("the administration page", () => {
  it("tells someone who administers nothing that they need to be an administrator", () => {
    const html = render({ user: { ...user, isAdmin: false }, via: "session", projects: [demo("approver")] });
    expect(html).toContain("You need to be an administrator");
    expect(html).not.toContain('data-testid="admin-members"');
    expect(html).not.toContain('data-testid="admin-audit"');
  });

  it("shows a Specwave administrator users, the project's settings and members, and the audit log", () => {
    const html = render({ user: { ...user, isAdmin: true }, via: "session", projects: [demo("admin")] });
    for (const testId of ["admin-users", "admin-project-settings", "admin-members", "admin-audit"]) {
      expect(html).toContain(`data-testid="${testId}"`);
    }
  });

  it("shows a project administrator their project and the audit log, but not the users", () => {
    const html = render({ user: { ...user, isAdmin: false }, via: "session", projects: [demo("admin")] });
    expect(html).toContain('data-testid="admin-members"');
    expect(html).toContain('data-testid="admin-audit"');
    expect(html).not.toContain('data-testid="admin-users"');
  });
});

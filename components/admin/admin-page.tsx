"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { administersAnything, projectsWhere } from "../auth/capabilities";
import { useMe } from "../auth/me";
import { AuditSection } from "./audit-section";
import { MembersSection } from "./members-section";
import { ProjectSettingsSection } from "./project-settings-section";
import { UsersSection } from "./users-section";

/**
 * Administration. Administrators of Specwave see users, every project and the whole audit log;
 * a project's administrators see their projects and those projects' audit entries. The chosen
 * project is in the URL (`?project=`), so the view can be shared. The server checks every request.
 */
export function AdminPage() {
  const { data: me, error, isPending } = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  if (isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (error || !me) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        Could not tell who you are: {error?.message}
      </p>
    );
  }
  if (!administersAnything(me)) {
    return (
      <section
        data-testid="admin-forbidden"
        aria-labelledby="admin-forbidden-heading"
        className="space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-4 dark:bg-amber-950/40"
      >
        <h1 id="admin-forbidden-heading" className="text-xl font-semibold">
          You need to be an administrator
        </h1>
        <p className="text-sm">
          This page is for administrators of Specwave and of projects. Ask one of them if you need a different
          role.
        </p>
      </section>
    );
  }

  const projects = projectsWhere(me, "administer");
  const chosen = projects.find((project) => project.id === params.get("project")) ?? projects[0];
  const choose = (projectId: string) => {
    const search = new URLSearchParams(params.toString());
    search.set("project", projectId);
    router.replace(`${pathname}?${search}`, { scroll: false });
  };

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Administration</h1>
      {me.user.isAdmin ? <UsersSection /> : null}
      <div className="space-y-4">
        <div className="flex flex-wrap items-baseline gap-4">
          <h2 className="text-xl font-semibold">Project {chosen ? chosen.name : ""}</h2>
          {projects.length > 1 ? (
            <label className="text-sm">
              Project{" "}
              <select
                data-testid="admin-project"
                value={chosen?.id ?? ""}
                onChange={(event) => choose(event.target.value)}
                className="rounded border border-slate-300 bg-white px-2 py-1 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:bg-slate-900"
              >
                {projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name} ({project.id})
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        {chosen ? (
          <>
            <ProjectSettingsSection key={`settings-${chosen.id}`} projectId={chosen.id} />
            <MembersSection key={`members-${chosen.id}`} projectId={chosen.id} projectName={chosen.name} />
          </>
        ) : (
          <p className="text-sm text-slate-500">There are no projects yet.</p>
        )}
      </div>
      <AuditSection />
    </div>
  );
}

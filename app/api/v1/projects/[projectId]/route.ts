import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { getProject, projectSettingsSchema, updateProjectSettings } from "@/server/projects/members";
import { clientIp, projectOf, readJson, route } from "@/server/web/route";

/** A project, its settings and the gate commands its configuration holds. */
export const GET = route(
  { kind: "project", role: "viewer", project: projectOf.param, what: "such project" },
  async ({ services, projectId }) => NextResponse.json(await getProject(services.db, projectId)),
);

/** Changes a project's settings (administrators): its name, spec-defined commands, run defaults. */
export const PATCH = route(
  { kind: "project", role: "admin", project: projectOf.param, what: "such project" },
  async ({ request, services, principal, projectId }) => {
    const input = await readJson(request, projectSettingsSchema);
    const changed = await updateProjectSettings(services.db, projectId, input);
    await recordAudit(services.db, {
      action: "settings_changed",
      actor: principal,
      projectId,
      target: projectId,
      details: changed,
      ip: clientIp(request),
    });
    return NextResponse.json(await getProject(services.db, projectId));
  },
);

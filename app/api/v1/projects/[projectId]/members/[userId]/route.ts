import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { removeMember } from "@/server/projects/members";
import { clientIp, projectOf, route } from "@/server/web/route";

export const DELETE = route(
  { kind: "project", role: "admin", project: projectOf.param, what: "such project" },
  async ({ request, params, services, principal, projectId }) => {
    await removeMember(services.db, projectId, params.userId ?? "");
    await recordAudit(services.db, {
      action: "member_removed",
      actor: principal,
      projectId,
      target: params.userId,
      ip: clientIp(request),
    });
    return NextResponse.json({ ok: true });
  },
);

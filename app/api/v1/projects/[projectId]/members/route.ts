import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { listMembers, memberInputSchema, setMember } from "@/server/projects/members";
import { clientIp, projectOf, readJson, route } from "@/server/web/route";

export const GET = route(
  { kind: "project", role: "admin", project: projectOf.param, what: "such project" },
  async ({ services, projectId }) =>
    NextResponse.json({ members: await listMembers(services.db, projectId) }),
);

/** Adds a user to the project, or changes their role. */
export const PUT = route(
  { kind: "project", role: "admin", project: projectOf.param, what: "such project" },
  async ({ request, services, principal, projectId }) => {
    const input = await readJson(request, memberInputSchema);
    const member = await setMember(services.db, projectId, input);
    await recordAudit(services.db, {
      action: "member_set",
      actor: principal,
      projectId,
      target: member.userId,
      details: { email: member.email, role: member.role },
      ip: clientIp(request),
    });
    return NextResponse.json({ member });
  },
);

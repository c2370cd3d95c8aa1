import { NextResponse } from "next/server";
import { listAudit } from "@/server/auth/audit";
import { forbidden } from "@/server/auth/errors";
import { route } from "@/server/web/route";
import { auditQuerySchema } from "@/server/web/schemas";

/**
 * The audit log, newest first. Administrators of Specwave see all of it; a project's
 * administrators see their projects' entries; nobody else sees any.
 */
export const GET = route({ kind: "signed-in" }, async ({ request, services, principal }) => {
  const query = auditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  let projectIds: string[] | "all" = "all";
  if (!principal.isAdmin) {
    const rows = await services.db.membership.findMany({
      where: { userId: principal.userId, role: "admin" },
      select: { projectId: true },
    });
    if (rows.length === 0) throw forbidden("Only administrators may read the audit log.");
    projectIds = rows.map((row) => row.projectId);
  }
  return NextResponse.json(
    await listAudit(services.db, { projectIds, cursor: query.cursor, limit: query.limit }),
  );
});

import { NextResponse } from "next/server";
import { readableProjects } from "@/server/auth/access";
import { recordAudit } from "@/server/auth/audit";
import { actorLabel } from "@/server/auth/principal";
import { startRun } from "@/server/engine/run-start";
import { listRuns } from "@/server/engine/run-view";
import { clientIp, readJson, route } from "@/server/web/route";
import { runListQuerySchema, startRunSchema } from "@/server/web/schemas";

/** Runs of the projects the caller may read, newest first, a page at a time. */
export const GET = route({ kind: "signed-in" }, async ({ request, services, principal }) => {
  const query = runListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const take = query.limit ?? 50;
  const rows = await listRuns(services.db, {
    status: query.status,
    take: take + 1,
    cursor: query.cursor,
    projectIds: await readableProjects(services.db, principal),
  });
  const runs = rows.slice(0, take);
  return NextResponse.json({ runs, nextCursor: rows.length > take ? (runs.at(-1)?.id ?? null) : null });
});

export const POST = route(
  { kind: "body-project", role: "approver" },
  async ({ request, services, principal, requireRole }) => {
    const input = await readJson(request, startRunSchema);
    const spec = await services.db.spec.findUnique({
      where: { id: input.specId },
      select: { projectId: true },
    });
    await requireRole(spec?.projectId ?? null, "approver", `spec with id ${input.specId}`);
    const run = await startRun(services, {
      specId: input.specId,
      startedBy: actorLabel(principal),
      settings: input.settings ?? {},
      checkpoint: input.checkpoint,
    });
    await recordAudit(services.db, {
      action: "run_started",
      actor: principal,
      projectId: spec?.projectId,
      target: run.runId,
      details: { specId: input.specId, settings: input.settings ?? {} },
      ip: clientIp(request),
    });
    return NextResponse.json(run, { status: 201 });
  },
);

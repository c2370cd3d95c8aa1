import { NextResponse } from "next/server";
import { readableProjects } from "@/server/auth/access";
import { recordAudit } from "@/server/auth/audit";
import { demoProjectId } from "@/server/projects/projects";
import { listSpecs, storeSpec } from "@/server/projects/specs";
import { readSpecUpload } from "@/server/uploads";
import { clientIp, route } from "@/server/web/route";
import { specListQuerySchema } from "@/server/web/schemas";

/** Specs of the projects the caller may read, newest first, a page at a time. */
export const GET = route({ kind: "signed-in" }, async ({ request, services, principal }) => {
  const query = specListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const take = query.limit ?? 50;
  const rows = await listSpecs(services.db, {
    take: take + 1,
    cursor: query.cursor,
    projectIds: await readableProjects(services.db, principal),
  });
  const specs = rows.slice(0, take);
  return NextResponse.json({ specs, nextCursor: rows.length > take ? (specs.at(-1)?.id ?? null) : null });
});

export const POST = route(
  { kind: "body-project", role: "approver" },
  async ({ request, services, principal, requireRole }) => {
    // JSON, or multipart files, folders and zips; unsafe names and oversize uploads are refused
    // before anything is stored.
    const input = await readSpecUpload(request);
    const projectId = input.projectId ?? demoProjectId;
    await requireRole(projectId, "approver", `project ${projectId}`);
    const name = input.name ?? input.files[0]?.name ?? "spec";
    const spec = await storeSpec(services.db, {
      projectId,
      name,
      files: input.files,
      format: input.format,
      acceptedDependencies: input.acceptedDependencies,
    });
    await recordAudit(services.db, {
      action: "spec_uploaded",
      actor: principal,
      projectId,
      target: spec.id,
      details: {
        name,
        files: input.files.map((file) => file.name),
        ...(input.acceptedDependencies ? { acceptedDependencies: input.acceptedDependencies } : {}),
      },
      ip: clientIp(request),
    });
    return NextResponse.json({ id: spec.id, plan: spec.plan }, { status: 201 });
  },
);

import { NextResponse } from "next/server";
import { z } from "zod";
import { demoProjectId } from "@/server/projects/projects";
import { listSpecs, storeSpec } from "@/server/projects/specs";
import { appServices } from "@/server/runtime/app-services";
import { readJson, route } from "@/server/web/route";
import { specUploadSchema } from "@/server/web/schemas";

export const GET = route(async () => {
  const { db } = await appServices();
  return NextResponse.json({ specs: await listSpecs(db) });
});

export const POST = route(async (request: Request) => {
  const input = await readJson(
    request,
    specUploadSchema.extend({ name: z.string().min(1).max(200).optional() }),
  );
  const { db } = await appServices();
  const name = input.name ?? input.files[0]?.name ?? "spec";
  const spec = await storeSpec(db, {
    projectId: demoProjectId,
    name,
    files: input.files,
    format: input.format,
  });
  return NextResponse.json({ id: spec.id, plan: spec.plan }, { status: 201 });
});

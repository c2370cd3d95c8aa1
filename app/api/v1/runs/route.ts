import { NextResponse } from "next/server";
import { startRun } from "@/server/engine/run-start";
import { listRuns } from "@/server/engine/run-view";
import { appServices } from "@/server/runtime/app-services";
import { readJson, route } from "@/server/web/route";
import { runListQuerySchema, startRunSchema } from "@/server/web/schemas";

export const GET = route(async (request: Request) => {
  const query = runListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { db } = await appServices();
  return NextResponse.json({ runs: await listRuns(db, { status: query.status, take: query.limit }) });
});

export const POST = route(async (request: Request) => {
  const input = await readJson(request, startRunSchema);
  const services = await appServices();
  const run = await startRun(services, {
    specId: input.specId,
    startedBy: "local user",
    settings: input.settings ?? {},
    checkpoint: input.checkpoint,
  });
  return NextResponse.json(run, { status: 201 });
});

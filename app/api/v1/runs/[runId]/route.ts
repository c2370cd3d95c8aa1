import { NextResponse } from "next/server";
import { getRunView } from "@/server/engine/run-view";
import { appServices } from "@/server/runtime/app-services";
import { route } from "@/server/web/route";

export const dynamic = "force-dynamic";

export const GET = route(async (_request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { runId } = await context.params;
  const { db } = await appServices();
  return NextResponse.json(await getRunView(db, runId));
});

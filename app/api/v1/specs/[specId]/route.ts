import { NextResponse } from "next/server";
import { getSpec } from "@/server/projects/specs";
import { appServices } from "@/server/runtime/app-services";
import { route } from "@/server/web/route";

export const GET = route(async (_request: Request, context: { params: Promise<{ specId: string }> }) => {
  const { specId } = await context.params;
  const { db } = await appServices();
  return NextResponse.json(await getSpec(db, specId));
});

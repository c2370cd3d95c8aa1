import { NextResponse } from "next/server";
import { cancelRun } from "@/server/engine/actions";
import { appServices } from "@/server/runtime/app-services";
import { route } from "@/server/web/route";

/** Cancels a run: nothing new starts, running agents are stopped. Repeats answer `already_final`. */
export const POST = route(async (_request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { runId } = await context.params;
  const services = await appServices();
  return NextResponse.json({ outcome: await cancelRun(services, runId, "local user") });
});

import { NextResponse } from "next/server";
import { decideWave } from "@/server/engine/approvals";
import { appServices } from "@/server/runtime/app-services";
import { readJson, route } from "@/server/web/route";
import { decisionSchema } from "@/server/web/schemas";

/** Continue or Pause on a wave. Repeats are harmless: the answer says whether anything changed. */
export const POST = route(async (request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { runId } = await context.params;
  const input = await readJson(request, decisionSchema);
  const services = await appServices();
  const outcome = await decideWave(services, { runId, ...input, decidedBy: "local user" });
  return NextResponse.json({ outcome });
});

import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { actorLabel } from "@/server/auth/principal";
import { decideWave } from "@/server/engine/approvals";
import { clientIp, projectOf, readJson, route } from "@/server/web/route";
import { decisionSchema } from "@/server/web/schemas";

/** Continue or Pause on a wave. Repeats are harmless: the answer says whether anything changed. */
export const POST = route(
  { kind: "project", role: "approver", project: projectOf.run, what: "such run" },
  async ({ request, params, services, principal, projectId }) => {
    const runId = params.runId ?? "";
    const input = await readJson(request, decisionSchema);
    const outcome = await decideWave(services, { runId, ...input, decidedBy: actorLabel(principal) });
    await recordAudit(services.db, {
      action: "wave_decided",
      actor: principal,
      projectId,
      target: runId,
      details: { ...input, outcome },
      ip: clientIp(request),
    });
    return NextResponse.json({ outcome });
  },
);

import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { actorLabel } from "@/server/auth/principal";
import { cancelRun } from "@/server/engine/actions";
import { clientIp, projectOf, route } from "@/server/web/route";

/** Cancels a run: nothing new starts, running agents are stopped. Repeats answer `already_final`. */
export const POST = route(
  { kind: "project", role: "approver", project: projectOf.run, what: "such run" },
  async ({ request, params, services, principal, projectId }) => {
    const runId = params.runId ?? "";
    const outcome = await cancelRun(services, runId, actorLabel(principal));
    await recordAudit(services.db, {
      action: "run_cancelled",
      actor: principal,
      projectId,
      target: runId,
      details: { outcome },
      ip: clientIp(request),
    });
    return NextResponse.json({ outcome });
  },
);

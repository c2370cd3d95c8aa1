import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { actorLabel } from "@/server/auth/principal";
import { resolveManualStory, retryStory, skipStory } from "@/server/engine/actions";
import { clientIp, projectOf, readJson, route } from "@/server/web/route";
import { itemActionSchema } from "@/server/web/schemas";

/** A person's action on one item: retry, skip, or mark a manual item done or failed. */
export const POST = route(
  { kind: "project", role: "approver", project: projectOf.run, what: "such run" },
  async ({ request, params, services, principal, projectId }) => {
    const runId = params.runId ?? "";
    const input = await readJson(request, itemActionSchema);
    const by = actorLabel(principal);
    const item = decodeURIComponent(params.key ?? "");
    if (input.action === "retry") await retryStory(services, runId, item);
    else if (input.action === "skip")
      await skipStory(services, runId, item, by, { confirmed: input.confirm === true });
    else await resolveManualStory(services, runId, item, input.action === "mark_done", by, input.note);
    await recordAudit(services.db, {
      action: "item_action",
      actor: principal,
      projectId,
      target: `${runId}/${item}`,
      details: { action: input.action, ...(input.confirm ? { confirmed: true } : {}) },
      ip: clientIp(request),
    });
    return NextResponse.json({ ok: true });
  },
);

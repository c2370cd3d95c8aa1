import { NextResponse } from "next/server";
import { resolveManualStory, retryStory, skipStory } from "@/server/engine/actions";
import { appServices } from "@/server/runtime/app-services";
import { readJson, route } from "@/server/web/route";
import { itemActionSchema } from "@/server/web/schemas";

/** A person's action on one item: retry, skip, or mark a manual item done or failed. */
export const POST = route(
  async (request: Request, context: { params: Promise<{ runId: string; key: string }> }) => {
    const { runId, key } = await context.params;
    const input = await readJson(request, itemActionSchema);
    const services = await appServices();
    const by = "local user";
    const item = decodeURIComponent(key);
    if (input.action === "retry") await retryStory(services, runId, item);
    else if (input.action === "skip") await skipStory(services, runId, item, by);
    else await resolveManualStory(services, runId, item, input.action === "mark_done", by, input.note);
    return NextResponse.json({ ok: true });
  },
);

import { NextResponse } from "next/server";
import { getItemDiff } from "@/server/engine/item-diff";
import { projectOf, route } from "@/server/web/route";

export const dynamic = "force-dynamic";

/** The files an item's commit changed, each with its patch (cut at 256 KiB). */
export const GET = route(
  { kind: "project", role: "viewer", project: projectOf.run, what: "such run" },
  async ({ params, services }) =>
    NextResponse.json(
      await getItemDiff(services.db, params.runId ?? "", decodeURIComponent(params.key ?? "")),
    ),
);

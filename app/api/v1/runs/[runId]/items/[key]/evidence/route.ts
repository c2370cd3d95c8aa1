import { NextResponse } from "next/server";
import { getItemEvidence } from "@/server/engine/item-evidence";
import { projectOf, route } from "@/server/web/route";

export const dynamic = "force-dynamic";

/** The evidence behind one item's status: step results, test report, coverage, files, commit, attempts. */
export const GET = route(
  { kind: "project", role: "viewer", project: projectOf.run, what: "such run" },
  async ({ params, services }) =>
    NextResponse.json(
      await getItemEvidence(services.db, params.runId ?? "", decodeURIComponent(params.key ?? "")),
    ),
);

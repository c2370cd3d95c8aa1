import { NextResponse } from "next/server";
import { getRunView } from "@/server/engine/run-view";
import { projectOf, route } from "@/server/web/route";

export const dynamic = "force-dynamic";

export const GET = route(
  { kind: "project", role: "viewer", project: projectOf.run, what: "such run" },
  async ({ params, services }) => NextResponse.json(await getRunView(services.db, params.runId ?? "")),
);

import { NextResponse } from "next/server";
import { getSpec } from "@/server/projects/specs";
import { projectOf, route } from "@/server/web/route";

export const GET = route(
  { kind: "project", role: "viewer", project: projectOf.spec, what: "such spec" },
  async ({ params, services }) => NextResponse.json(await getSpec(services.db, params.specId ?? "")),
);

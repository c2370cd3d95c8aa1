import { NextResponse } from "next/server";
import { readableProjects } from "@/server/auth/access";
import { listProjects } from "@/server/projects/members";
import { route } from "@/server/web/route";

/** The projects the caller may read. */
export const GET = route({ kind: "signed-in" }, async ({ services, principal }) =>
  NextResponse.json({
    projects: await listProjects(services.db, await readableProjects(services.db, principal)),
  }),
);

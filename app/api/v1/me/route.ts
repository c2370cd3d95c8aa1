import { NextResponse } from "next/server";
import { myProjects } from "@/server/auth/me";
import { route } from "@/server/web/route";

/** The signed-in user and their role in each project they may read. */
export const GET = route({ kind: "signed-in" }, async ({ services, principal }) =>
  NextResponse.json({
    user: { id: principal.userId, email: principal.email, name: principal.name, isAdmin: principal.isAdmin },
    via: principal.via,
    projects: await myProjects(services.db, principal),
  }),
);

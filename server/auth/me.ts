import type { Db } from "../db/client";
import type { Principal } from "./principal";
import { capabilities, type ProjectRole } from "./roles";

/** The projects a person may read, with their role and what it lets them do in the dashboard. */
export async function myProjects(db: Db, principal: Principal) {
  const projects = principal.isAdmin
    ? (await db.project.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "asc" } })).map(
        (project) => ({ ...project, role: "admin" as ProjectRole }),
      )
    : (
        await db.membership.findMany({
          where: { userId: principal.userId },
          select: { role: true, project: { select: { id: true, name: true } } },
          orderBy: { createdAt: "asc" },
        })
      ).map((row) => ({ ...row.project, role: row.role as ProjectRole }));
  return projects.map((project) => ({ ...project, can: capabilities(project.role) }));
}

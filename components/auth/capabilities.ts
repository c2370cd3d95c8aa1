import type { Capabilities, ProjectRole } from "../../server/auth/roles";

export type { Capabilities, ProjectRole };

/** A project the signed-in person may read, with their role and what it lets them do. */
export interface ProjectAccess {
  id: string;
  name: string;
  role: ProjectRole;
  can: Capabilities;
}

/** The answer of GET /api/v1/me. */
export interface Me {
  user: { id: string; email: string; name: string; isAdmin: boolean };
  via: "session" | "token";
  projects: ProjectAccess[];
}

export const noCapabilities: Capabilities = { read: false, operate: false, administer: false };
const everything: Capabilities = { read: true, operate: true, administer: true };

/**
 * What the person may do in a project. Administrators of Specwave may do everything everywhere
 * (also in a project created after their list was fetched); anyone else only what their
 * membership says, and nothing in a project they are not a member of.
 */
export function capabilitiesIn(me: Me, projectId: string | null | undefined): Capabilities {
  if (me.user.isAdmin) return everything;
  if (!projectId) return noCapabilities;
  return me.projects.find((project) => project.id === projectId)?.can ?? noCapabilities;
}

/** The projects where the person may do `what`, in the order the server lists them. */
export function projectsWhere(me: Me, what: keyof Capabilities): ProjectAccess[] {
  return me.projects.filter((project) => capabilitiesIn(me, project.id)[what]);
}

/** Who sees the administration page: administrators of Specwave or of at least one project. */
export function administersAnything(me: Me): boolean {
  return me.user.isAdmin || projectsWhere(me, "administer").length > 0;
}

/**
 * Project roles and what each allows. Each role includes the ones before it, so a check is
 * "at least this role". Instance administrators are administrators of every project.
 */
export const projectRoles = ["viewer", "approver", "admin"] as const;
export type ProjectRole = (typeof projectRoles)[number];

export function roleRank(role: ProjectRole): number {
  return projectRoles.indexOf(role);
}

export function roleAllows(held: ProjectRole | null | undefined, needed: ProjectRole): boolean {
  return held != null && roleRank(held) >= roleRank(needed);
}

/** What the dashboard shows or hides; the server checks the same roles on every request. */
export function capabilities(role: ProjectRole | null) {
  return {
    read: roleAllows(role, "viewer"),
    /** Upload specs, start runs, approve waves, retry, skip, mark done, cancel. */
    operate: roleAllows(role, "approver"),
    /** Project settings and members. */
    administer: roleAllows(role, "admin"),
  };
}

export type Capabilities = ReturnType<typeof capabilities>;

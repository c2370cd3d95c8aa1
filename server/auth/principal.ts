import type { ProjectRole } from "./roles";

/** Who is making a request, resolved from a session cookie or an API token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  /** Administrator of Specwave: every project, users, the whole audit log. */
  isAdmin: boolean;
  via: "session" | "token";
  tokenId?: string;
  /** The signed-in browser session, when via a session cookie. */
  sessionId?: string;
}

/** How a person is named in run records (who started a run, who decided a wave). */
export function actorLabel(principal: Principal): string {
  return principal.email;
}

export type RoleLookup = (projectId: string) => Promise<ProjectRole | null>;

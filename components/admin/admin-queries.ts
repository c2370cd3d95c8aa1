import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ProjectRole } from "../auth/capabilities";
import { api } from "../runs/queries";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: string;
}

export interface GateCommand {
  command: string;
  args?: string[];
  timeoutSeconds?: number;
}

export interface ProjectDetail {
  id: string;
  name: string;
  createdAt: string;
  settings: { specCommandsEnabled: boolean; runDefaults: Record<string, unknown> };
  gates: Record<string, GateCommand>;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
  since: string;
}

export interface AuditEntry {
  id: string;
  createdAt: string;
  actorEmail: string | null;
  via: string | null;
  action: string;
  projectId: string | null;
  target: string | null;
  details: unknown;
  ip: string | null;
}

export const usersQuery = () =>
  queryOptions({
    queryKey: ["users"],
    queryFn: () => api<{ users: UserSummary[] }>("/api/v1/users").then((body) => body.users),
  });

export const projectQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["project", projectId],
    queryFn: () => api<ProjectDetail>(`/api/v1/projects/${encodeURIComponent(projectId)}`),
  });

export const membersQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["project", projectId, "members"],
    queryFn: () =>
      api<{ members: Member[] }>(`/api/v1/projects/${encodeURIComponent(projectId)}/members`).then(
        (body) => body.members,
      ),
  });

/** The audit log, newest first, a page at a time: each page's `nextCursor` asks for the one after. */
export const auditQuery = (limit = 50) =>
  infiniteQueryOptions({
    queryKey: ["audit", { limit }],
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({ limit: String(limit) });
      if (pageParam) search.set("cursor", pageParam);
      return api<{ entries: AuditEntry[]; nextCursor: string | null }>(`/api/v1/audit?${search}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

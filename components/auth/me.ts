"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../runs/queries";
import { type Capabilities, capabilitiesIn, type Me } from "./capabilities";

/** The signed-in person and their roles; every role check in the dashboard reads this one query. */
export const meQuery = () =>
  queryOptions({
    queryKey: ["me"],
    queryFn: () => api<Me>("/api/v1/me"),
    staleTime: 30_000,
  });

export function useMe() {
  return useQuery(meQuery());
}

export function isSignedOutError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * What the person may do in a project, or null while that is not known yet (still loading, or
 * signed out). Callers hide controls on null as on false: the server refuses them anyway, so
 * showing them would only invite a 403.
 */
export function useProjectCapabilities(projectId: string | null | undefined): Capabilities | null {
  const { data } = useMe();
  return data ? capabilitiesIn(data, projectId) : null;
}

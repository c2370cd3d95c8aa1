import { queryOptions } from "@tanstack/react-query";
import type { RunView } from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  // A FormData body carries its own multipart Content-Type (with the boundary) from the browser.
  const json = !(init?.body instanceof FormData);
  const response = await fetch(path, {
    ...init,
    headers: { ...(json ? { "content-type": "application/json" } : {}), ...(init?.headers ?? {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } }).error ?? {};
    throw new ApiError(
      response.status,
      error.code ?? "unknown",
      error.message ?? response.statusText,
      error.details,
    );
  }
  return body as T;
}

/** Query keys come from here and include every input the fetch depends on. */
export const runQuery = (runId: string) =>
  queryOptions({ queryKey: ["run", runId], queryFn: () => api<RunView>(`/api/v1/runs/${runId}`) });

export interface RunSummary {
  id: string;
  projectId: string;
  status: string;
  specName: string;
  storiesTotal: number;
  storiesDone: number;
  storiesFailed: number;
  createdAt: string;
  finishedAt: string | null;
  startedBy: string | null;
}

export const runsQuery = () =>
  queryOptions({
    queryKey: ["runs"],
    queryFn: () => api<{ runs: RunSummary[] }>("/api/v1/runs").then((body) => body.runs),
  });

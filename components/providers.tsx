"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { isSignedOutError, meQuery } from "./auth/me";
import { ApiError } from "./runs/queries";

/** A refusal is an answer, not a hiccup: asking again would get the same 401 or 403. */
function retryOnce(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return false;
  return failureCount < 1;
}

function createQueryClient(): QueryClient {
  // Any 401 means the session ended: asking /api/v1/me again lets the user menu send the
  // person to the sign-in page (the me query's own 401 does that directly).
  const onError = (error: unknown, queryKey?: readonly unknown[]) => {
    if (isSignedOutError(error) && queryKey?.[0] !== meQuery().queryKey[0]) {
      void client.invalidateQueries({ queryKey: meQuery().queryKey });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: { queries: { staleTime: 5_000, retry: retryOnce } },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

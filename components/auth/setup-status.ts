"use client";

import { queryOptions } from "@tanstack/react-query";
import { api } from "../runs/queries";

/** Whether Specwave still needs its first administrator (public; true only before any user exists). */
export const setupQuery = () =>
  queryOptions({
    queryKey: ["setup"],
    queryFn: () => api<{ needsSetup: boolean }>("/api/v1/setup"),
    staleTime: 0,
  });

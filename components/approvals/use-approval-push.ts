"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { io, type Socket } from "socket.io-client";
import type { ServerToClientEvents } from "../../server/realtime/protocol";
import { runQuery } from "../runs/queries";
import { waitingRunsQuery } from "./pending-approvals";

/**
 * Pushes from the socket's project rooms (every project the person may read): a wave that starts
 * or stops waiting, or a run that changes status, reads the waiting runs, and that run, again. On (re)connect the
 * list is read again too, since pushes sent while away are gone.
 */
export function useApprovalPush(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const socket: Socket<ServerToClientEvents> = io({
      path: "/socket.io",
      transports: ["websocket", "polling"],
    });
    const refresh = (notice?: { runId: string }) => {
      void queryClient.invalidateQueries({ queryKey: waitingRunsQuery().queryKey, exact: true });
      if (notice)
        void queryClient.invalidateQueries({ queryKey: runQuery(notice.runId).queryKey, exact: true });
    };
    socket.on("connect", () => refresh());
    socket.on("approval:requested", refresh);
    socket.on("approval:decided", refresh);
    // A cancelled or failed run's request goes without a decision.
    socket.on("run:status", refresh);
    return () => {
      socket.disconnect();
    };
  }, [enabled, queryClient]);
}

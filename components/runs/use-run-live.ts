"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { applyRunEvent, needsReload } from "./apply-event";
import { runQuery } from "./queries";
import type { RunEvent, RunView } from "./types";

type LiveState = "connecting" | "live" | "offline";

/**
 * Keeps the cached run in step with the server: events patch the TanStack Query cache; after a
 * (re)connect, or when the server says it may have missed events, the run is reloaded.
 */
export function useRunLive(runId: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    const key = runQuery(runId).queryKey;
    const socket: Socket = io({ path: "/socket.io", transports: ["websocket", "polling"] });
    const resync = () => void queryClient.invalidateQueries({ queryKey: key });

    socket.on("connect", () => {
      socket.emit("run:subscribe", { runId }, (result: { ok: boolean }) => {
        setState(result.ok ? "live" : "offline");
        resync();
      });
    });
    socket.on("disconnect", () => setState("offline"));
    socket.on("run:resync", resync);
    socket.on("run:event", (event: RunEvent) => {
      queryClient.setQueryData<RunView>(key, (view) => (view ? applyRunEvent(view, event) : view));
      // A reload in flight may answer with a state older than this event: read again after it.
      if (needsReload(event) || queryClient.isFetching({ queryKey: key }) > 0) resync();
    });
    return () => {
      socket.emit("run:unsubscribe", { runId });
      socket.disconnect();
    };
  }, [runId, queryClient]);

  return state;
}

import type { RunEvent } from "../engine/events";

/** socket.io events between the dashboard and the web process, typed and versioned. */
export interface ServerToClientEvents {
  "run:event": (event: RunEvent) => void;
  /** The server may have missed events (it reconnected to PostgreSQL): reload the run. */
  "run:resync": (payload: { runId: string | null }) => void;
}

export interface ClientToServerEvents {
  "run:subscribe": (
    payload: { runId: string },
    ack: (result: { ok: boolean; error?: string }) => void,
  ) => void;
  "run:unsubscribe": (payload: { runId: string }) => void;
}

/**
 * Every event a client may send. The authorisation test walks this list: each event must be
 * refused to anonymous sockets and to users who may not read the run.
 */
export const clientEventNames = [
  "run:subscribe",
  "run:unsubscribe",
] as const satisfies readonly (keyof ClientToServerEvents)[];

export const runRoom = (runId: string) => `run:${runId}`;
export const socketPath = "/socket.io";

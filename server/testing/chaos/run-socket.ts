import { io, type Socket } from "socket.io-client";
import type { RunEvent } from "../../engine/events";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/protocol";
import { socketPath } from "../../realtime/protocol";

/**
 * A socket.io client that behaves like the run page: it (re)subscribes to the run on every
 * connect, including reconnects after the web process comes back, and keeps what it receives.
 */
export interface RunSocket {
  events: RunEvent[];
  resyncs: number;
  /** Acknowledged subscriptions, one per (re)connect that the server accepted. */
  subscriptions: number;
  close(): void;
}

export function connectRunSocket(baseUrl: string, runId: string, token: string): RunSocket {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, {
    path: socketPath,
    auth: { token },
    transports: ["websocket"],
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const state: RunSocket = {
    events: [],
    resyncs: 0,
    subscriptions: 0,
    close: () => socket.close(),
  };
  socket.on("connect", () => {
    socket.emit("run:subscribe", { runId }, (result) => {
      if (result.ok) state.subscriptions++;
    });
  });
  socket.on("run:event", (event) => {
    if (event.runId === runId) state.events.push(event);
  });
  socket.on("run:resync", () => {
    state.resyncs++;
  });
  return state;
}

/** The parts of GET /api/v1/runs/<id> that chaos tests compare with PostgreSQL. */
export interface RunViewAnswer {
  status: number;
  body: {
    id?: string;
    status?: string;
    lastEventId?: string;
    stories?: { key: string; status: string }[];
    error?: unknown;
  };
}

/** GET /api/v1/runs/<id> of a web process; `null` while it does not answer at all. */
export async function fetchRunView(
  baseUrl: string,
  runId: string,
  token: string,
): Promise<RunViewAnswer | null> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/runs/${runId}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as RunViewAnswer["body"] };
    } catch {
      // Not JSON (an error page): kept so that a failure says what the server answered.
      return { status: response.status, body: { error: text.slice(0, 500) } };
    }
  } catch {
    return null;
  }
}

/** Polls the web process until it answers 200 for the run. */
export async function waitForRunView(
  baseUrl: string,
  runId: string,
  timeoutMs: number,
  token: string,
): Promise<RunViewAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetchRunView(baseUrl, runId, token);
    if (answer?.status === 200) return answer;
    if (Date.now() > deadline) {
      throw new Error(
        `GET /api/v1/runs/${runId} did not answer 200 within ${timeoutMs} ms: ${JSON.stringify(answer)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

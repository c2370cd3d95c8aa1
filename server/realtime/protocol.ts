import type { RunEvent } from "../engine/events";

/** socket.io events between the dashboard and the web process, typed and versioned. */
export interface ServerToClientEvents {
  "run:event": (event: RunEvent) => void;
  /** The server may have missed events (it reconnected to PostgreSQL): reload the run. */
  "run:resync": (payload: { runId: string | null }) => void;
  /** A wave of a run in one of the person's projects waits for approval (project rooms). */
  "approval:requested": (notice: ApprovalNotice) => void;
  /** Someone decided on a waiting wave (project rooms): the request is no longer open. */
  "approval:decided": (notice: ApprovalNotice) => void;
  /**
   * A run of the project changed status (project rooms): a run cancelled or failed while a wave
   * waited has no open request any more, though nobody decided on it.
   */
  "run:status": (notice: RunStatusNotice) => void;
}

/** The version of the project rooms' notices (approvals and run statuses). */
export const approvalNoticeVersion = 1 as const;

/**
 * What a project room hears about an approval: enough to know which queries to read again, and
 * nothing the person's next read would not show anyway (no comments, no names).
 */
export interface ApprovalNotice {
  version: typeof approvalNoticeVersion;
  runId: string;
  projectId: string;
  /** The wave's index (0-based), when the event said. */
  waveIndex: number | null;
  at: string;
}

export type ApprovalEventName = "approval:requested" | "approval:decided";

/** The run's new status, as `run:updated` said it; nothing else about the run. */
export interface RunStatusNotice {
  version: typeof approvalNoticeVersion;
  runId: string;
  projectId: string;
  status: string;
  at: string;
}

/** What a project room hears, by event name. */
export type ProjectPush =
  | { name: ApprovalEventName; notice: ApprovalNotice }
  | { name: "run:status"; notice: RunStatusNotice };

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
/** The run of a run room, or null for any other room. */
export const runOfRoom = (room: string): string | null => (room.startsWith("run:") ? room.slice(4) : null);
/** Every socket of a person who may read the project joins it when it connects. */
export const projectRoom = (projectId: string) => `project:${projectId}`;
/**
 * Administrators of Specwave read every project, including ones created after they connected:
 * their sockets join this one room instead of one per project.
 */
export const everyProjectRoom = "projects:all";
export const isProjectRoom = (room: string) => room === everyProjectRoom || room.startsWith("project:");
/** Every socket of one person, so that an ended access reaches all of them (access-watch.ts). */
export const personRoom = (userId: string) => `person:${userId}`;
export const socketPath = "/socket.io";

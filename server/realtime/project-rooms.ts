import type { Socket } from "socket.io";
import { readableProjects } from "../auth/access";
import type { Principal } from "../auth/principal";
import type { Db } from "../db/client";
import type { RunEvent } from "../engine/events";
import {
  type ApprovalEventName,
  approvalNoticeVersion,
  everyProjectRoom,
  type ProjectPush,
  projectRoom,
} from "./protocol";

/**
 * Per-person project rooms, so a page hears of approvals in any run it may read without
 * following every run. Membership is read when the socket connects, and again when it changes
 * (access-watch.ts): someone added to a project hears of it at once, someone removed stops.
 */
export async function projectRoomsOf(db: Db, principal: Principal): Promise<string[]> {
  const projects = await readableProjects(db, principal);
  return projects === "all" ? [everyProjectRoom] : projects.map(projectRoom);
}

export async function joinProjectRooms(socket: Socket, db: Db, principal: Principal): Promise<void> {
  const rooms = await projectRoomsOf(db, principal);
  if (rooms.length > 0) await socket.join(rooms);
}

const approvalEvents = new Set<string>([
  "approval:requested",
  "approval:decided",
] satisfies ApprovalEventName[]);

/** A run never moves to another project, so its project is looked up once (bounded cache). */
const MAX_CACHED_RUNS = 10_000;

export type RoomPush = ProjectPush & { rooms: string[] };

/**
 * Turns committed run events into the pushes for project rooms (the run's project room and the
 * administrators' room): approvals requested and decided, and run status changes. Other events
 * give nothing.
 */
export function projectPusher(db: Db) {
  const projectOfRun = new Map<string, string | null>();
  const projectOf = async (runId: string): Promise<string | null> => {
    if (projectOfRun.has(runId)) return projectOfRun.get(runId) ?? null;
    const run = await db.run.findUnique({ where: { id: runId }, select: { projectId: true } });
    if (projectOfRun.size >= MAX_CACHED_RUNS) projectOfRun.clear();
    projectOfRun.set(runId, run?.projectId ?? null);
    return run?.projectId ?? null;
  };
  return async (events: RunEvent[]): Promise<RoomPush[]> => {
    const pushes: RoomPush[] = [];
    for (const event of events) {
      const status = event.type === "run:updated" ? event.payload.status : undefined;
      if (!approvalEvents.has(event.type) && typeof status !== "string") continue;
      const projectId = await projectOf(event.runId);
      if (!projectId) continue;
      const rooms = [projectRoom(projectId), everyProjectRoom];
      const about = { version: approvalNoticeVersion, runId: event.runId, projectId, at: event.at };
      if (typeof status === "string") {
        pushes.push({ name: "run:status", rooms, notice: { ...about, status } });
        continue;
      }
      const index = event.payload.index;
      pushes.push({
        name: event.type as ApprovalEventName,
        rooms,
        notice: { ...about, waveIndex: typeof index === "number" ? index : null },
      });
    }
    return pushes;
  };
}

import type { RemoteSocket, Server } from "socket.io";
import { projectRole } from "../auth/access";
import type { AccessChange } from "../auth/access-changes";
import type { Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { projectRoomsOf } from "./project-rooms";
import { isProjectRoom, personRoom, runOfRoom, runRoom } from "./protocol";

type LiveSocket = RemoteSocket<Record<string, never>, { principal?: Principal }>;

/**
 * Someone's access changed (`announceAccessChange`): each of their live sockets is checked again,
 * as it would be if it connected now. A socket signed in with a revoked token, or with a session
 * that ended (signed out) or expired, is disconnected;
 * the others leave the rooms of the projects, and of the runs in projects, they may no longer
 * read (without this they would go on hearing those runs until their page reloaded), and join
 * the rooms of projects they were just added to.
 */
export async function applyAccessChange(io: Server, db: Db, change: AccessChange): Promise<void> {
  const sockets = (await io.in(personRoom(change.userId)).fetchSockets()) as unknown as LiveSocket[];
  for (const socket of sockets) await recheckSocket(socket, db);
}

/** After the listener lost PostgreSQL for a while, changes may have been missed: every socket is checked. */
export async function recheckEverySocket(io: Server, db: Db): Promise<void> {
  const sockets = (await io.fetchSockets()) as unknown as LiveSocket[];
  for (const socket of sockets) await recheckSocket(socket, db);
}

async function recheckSocket(socket: LiveSocket, db: Db): Promise<void> {
  const principal = socket.data.principal;
  if (!principal) return;
  if (principal.via === "session" && principal.sessionId) {
    const session = await db.session.findUnique({
      where: { id: principal.sessionId },
      select: { expiresAt: true },
    });
    if (!session || session.expiresAt <= new Date()) {
      socket.disconnect(true);
      return;
    }
  }
  if (principal.via === "token" && principal.tokenId) {
    const token = await db.apiToken.findUnique({
      where: { id: principal.tokenId },
      select: { revokedAt: true },
    });
    if (!token || token.revokedAt) {
      socket.disconnect(true);
      return;
    }
  }
  const allowed = new Set(await projectRoomsOf(db, principal));
  for (const room of allowed) if (!socket.rooms.has(room)) socket.join(room);
  const runIds: string[] = [];
  for (const room of socket.rooms) {
    if (isProjectRoom(room) && !allowed.has(room)) socket.leave(room);
    const runId = runOfRoom(room);
    if (runId) runIds.push(runId);
  }
  if (runIds.length === 0) return;
  const runs = await db.run.findMany({
    where: { id: { in: runIds } },
    select: { id: true, projectId: true },
  });
  const projectOf = new Map(runs.map((run) => [run.id, run.projectId]));
  const roles = new Map<string, boolean>();
  for (const runId of runIds) {
    const projectId = projectOf.get(runId);
    if (projectId && !roles.has(projectId))
      roles.set(projectId, (await projectRole(db, principal, projectId)) !== null);
    if (!projectId || !roles.get(projectId)) socket.leave(runRoom(runId));
  }
}

import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";
import { authenticate, projectRole } from "../auth/access";
import type { Auth } from "../auth/auth";
import type { Principal } from "../auth/principal";
import type { Db } from "../db/client";
import type { Logger } from "../runtime/logger";
import { applyAccessChange, recheckEverySocket } from "./access-watch";
import { listenForRunEvents } from "./event-listener";
import { joinProjectRooms, projectPusher } from "./project-rooms";
import {
  type ClientToServerEvents,
  personRoom,
  runRoom,
  type ServerToClientEvents,
  socketPath,
} from "./protocol";

const subscribeSchema = z.object({ runId: z.string().regex(/^run_[0-9a-z]{22}$/) });

/**
 * socket.io on the web process's port: pages join a run's room and get its events as they commit;
 * every socket is also in the rooms of the projects its person may read, which hear of approvals,
 * and in its person's room, through which an ended access reaches it (access-watch.ts).
 */
export function attachRealtime(
  httpServer: HttpServer,
  databaseUrl: string,
  db: Db,
  auth: Auth,
  logger: Logger,
) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    path: socketPath,
    serveClient: false,
  });

  // Every connection authenticates, with the session cookie of the handshake or a token in
  // `auth.token` (the CLI's --watch); anonymous connections are refused before any event. The
  // project rooms are joined before the connection is accepted, so nothing pushed after the
  // client's "connect" is missed.
  io.use((socket, next) => {
    const headers = new Headers();
    const cookie = socket.handshake.headers.cookie;
    if (cookie) headers.set("cookie", cookie);
    const authorization = socket.handshake.headers.authorization;
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === "string") headers.set("authorization", `Bearer ${token}`);
    else if (authorization) headers.set("authorization", authorization);
    authenticate(db, auth, headers)
      .then(async (principal) => {
        if (!principal) return next(new Error("unauthenticated: sign in, or pass a token"));
        socket.data.principal = principal;
        await socket.join(personRoom(principal.userId));
        await joinProjectRooms(socket, db, principal);
        next();
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, "socket authentication failed");
        next(new Error("unavailable: try again"));
      });
  });

  io.on("connection", (socket) => {
    const principal = socket.data.principal as Principal;
    socket.on("run:subscribe", async (payload, ack) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success) return ack?.({ ok: false, error: "invalid run id" });
      // A socket joins only the rooms of runs in projects its user may read; a run elsewhere
      // is answered exactly like a run that does not exist.
      const run = await db.run
        .findUnique({ where: { id: parsed.data.runId }, select: { projectId: true } })
        .catch(() => null);
      const role = run ? await projectRole(db, principal, run.projectId).catch(() => null) : null;
      if (!run || !role) return ack?.({ ok: false, error: "no such run" });
      await socket.join(runRoom(parsed.data.runId));
      ack?.({ ok: true });
    });
    socket.on("run:unsubscribe", (payload) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (parsed.success) void socket.leave(runRoom(parsed.data.runId));
    });
  });

  const projectPushes = projectPusher(db);
  // Pushes go out in commit order, like the run events they come from.
  let pushing = Promise.resolve();
  const listener = listenForRunEvents(databaseUrl, db, logger, {
    onEvents: (events) => {
      for (const event of events) io.to(runRoom(event.runId)).emit("run:event", event);
      pushing = pushing.then(async () => {
        try {
          for (const push of await projectPushes(events)) {
            // Narrowed, so each event is checked against its own notice type.
            if (push.name === "run:status") io.to(push.rooms).emit(push.name, push.notice);
            else io.to(push.rooms).emit(push.name, push.notice);
          }
        } catch (error) {
          // The pages' slow poll still finds the request; a lost push only delays it.
          logger.warn({ err: error }, "could not push to a project room");
        }
      });
    },
    onResync: () => {
      io.emit("run:resync", { runId: null });
      // Access may have ended while the listener was away.
      recheckEverySocket(io, db).catch((error: unknown) =>
        logger.warn({ err: error }, "could not check live connections' access again"),
      );
    },
    onAccessChange: (change) => applyAccessChange(io, db, change),
  });

  return {
    io,
    async close() {
      await listener.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Logger } from "../runtime/logger";
import { listenForRunEvents } from "./event-listener";
import { type ClientToServerEvents, runRoom, type ServerToClientEvents, socketPath } from "./protocol";

const subscribeSchema = z.object({ runId: z.string().regex(/^run_[0-9a-z]{22}$/) });

/** socket.io on the web process's port: pages join a run's room and get its events as they commit. */
export function attachRealtime(httpServer: HttpServer, databaseUrl: string, db: Db, logger: Logger) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    path: socketPath,
    serveClient: false,
  });

  io.on("connection", (socket) => {
    socket.on("run:subscribe", async (payload, ack) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success) return ack?.({ ok: false, error: "invalid run id" });
      const exists = await db.run.count({ where: { id: parsed.data.runId } }).catch(() => 0);
      if (!exists) return ack?.({ ok: false, error: "no such run" });
      await socket.join(runRoom(parsed.data.runId));
      ack?.({ ok: true });
    });
    socket.on("run:unsubscribe", (payload) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (parsed.success) void socket.leave(runRoom(parsed.data.runId));
    });
  });

  const listener = listenForRunEvents(databaseUrl, db, logger, {
    onEvents: (events) => {
      for (const event of events) io.to(runRoom(event.runId)).emit("run:event", event);
    },
    onResync: () => io.emit("run:resync", { runId: null }),
  });

  return {
    io,
    async close() {
      await listener.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

import { createServer } from "node:http";
import next from "next";
import { authFromConfig, clientIpHeader } from "../auth/auth";
import type { SpecwaveConfig } from "../config/env";
import { createDb } from "../db/client";
import { ensureDemoProject } from "../projects/projects";
import { attachRealtime } from "../realtime/socket-server";
import type { Logger } from "../runtime/logger";
import { resolveDatabaseUrl } from "../runtime/services";

/**
 * The web process: the Next.js app (pages and the REST route handlers) and socket.io on one
 * port. Returns once it listens.
 */
export async function serveWeb(config: SpecwaveConfig, logger: Logger, cwd: string) {
  const databaseUrl = resolveDatabaseUrl(config);
  const db = createDb(databaseUrl, { max: 4 });
  await ensureDemoProject(db, config.dataDir);

  const app = next({ dev: config.env === "development", dir: cwd, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const httpServer = createServer((req, res) => {
    // The client's address for the sign-in rate limit and the audit log, from the socket
    // itself: whatever a client sent under this name is replaced.
    req.headers[clientIpHeader] = req.socket.remoteAddress ?? "unknown";
    void handle(req, res);
  });
  const auth = authFromConfig(db, config);
  const realtime = attachRealtime(httpServer, databaseUrl, db, auth, logger);
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;

  return {
    url,
    async close() {
      await realtime.close();
      await app.close?.();
      await db.$disconnect();
    },
  };
}

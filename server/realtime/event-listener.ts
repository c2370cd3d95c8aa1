import pg from "pg";
import { type AccessChange, accessChangeSchema, accessChannel } from "../auth/access-changes";
import type { Db } from "../db/client";
import { eventsChannel, type RunEvent, toRunEvent } from "../engine/events";
import type { Logger } from "../runtime/logger";

/**
 * LISTENs for committed run events, and for ended access (`accessChannel`), and hands them on
 * in commit order: an event committed after someone's access ended reaches the subscribers after
 * that change was handled. Reconnects after a PostgreSQL restart and then tells its subscribers
 * to resync, since notifications sent while it was away are gone.
 */
export interface EventListener {
  close(): Promise<void>;
}

export function listenForRunEvents(
  databaseUrl: string,
  db: Db,
  logger: Logger,
  handlers: {
    onEvents: (events: RunEvent[]) => void;
    onResync: () => void;
    /** Settled before any later notification is handled. */
    onAccessChange?: (change: AccessChange) => Promise<void>;
  },
): EventListener {
  let client: pg.Client | undefined;
  let closed = false;
  let chain = Promise.resolve();
  let retry: NodeJS.Timeout | undefined;

  const deliver = (payload: string) => {
    chain = chain.then(async () => {
      try {
        const { ids } = JSON.parse(payload) as { runId: string; ids: string[] };
        const rows = await db.event.findMany({
          where: { id: { in: ids.map(BigInt) } },
          orderBy: { id: "asc" },
        });
        handlers.onEvents(rows.map(toRunEvent));
      } catch (error) {
        logger.warn({ err: error }, "could not load announced events; asking pages to resync");
        handlers.onResync();
      }
    });
  };

  const deliverAccess = (payload: string) => {
    chain = chain.then(async () => {
      try {
        await handlers.onAccessChange?.(accessChangeSchema.parse(JSON.parse(payload)));
      } catch (error) {
        logger.warn({ err: error }, "could not apply an access change to live connections");
      }
    });
  };

  const connect = async (isReconnect: boolean) => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("error", (error) => {
      logger.warn({ err: error }, "event listener connection lost; reconnecting");
      schedule();
    });
    try {
      await next.connect();
      next.on("notification", (message) => {
        if (!message.payload) return;
        if (message.channel === eventsChannel) deliver(message.payload);
        else if (message.channel === accessChannel) deliverAccess(message.payload);
      });
      await next.query(`LISTEN ${eventsChannel}`);
      await next.query(`LISTEN ${accessChannel}`);
      client = next;
      if (isReconnect) handlers.onResync();
    } catch (error) {
      logger.warn({ err: error }, "event listener could not connect; retrying");
      await next.end().catch(() => undefined);
      schedule();
    }
  };

  const schedule = () => {
    if (closed || retry) return;
    const old = client;
    client = undefined;
    old?.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      void connect(true);
    }, 1000);
  };

  void connect(false);
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

import pg from "pg";
import { type AccessChange, accessChangeSchema, accessChannel } from "../auth/access-changes";
import type { Db } from "../db/client";
import { eventsChannel, type RunEvent, toRunEvent } from "../engine/events";
import type { Logger } from "../runtime/logger";

/**
 * LISTENs for committed run events, and for changes of someone's access (`accessChannel`), and
 * hands them on in commit order: an event committed after an access change reaches the
 * subscribers after that change was handled. Reconnects after a PostgreSQL restart and then tells its subscribers
 * to resync, since notifications sent while it was away are gone.
 */
export interface EventListener {
  close(): Promise<void>;
}

/** Event ids read in one query at most (a notice of a larger statement is read alone). */
const MAX_BATCH = 2000;

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

  // Notifications that arrive while events are being read are read together, in one query, and
  // handed on in the order they were announced: under a busy run the listener keeps up with one
  // query per batch instead of one per committed statement. A batch closes when its query starts,
  // when an access change arrives (what follows it must wait for it), or when it is large.
  let open: { announced: string[][]; size: number } | undefined;
  const deliver = (payload: string) => {
    let ids: string[];
    try {
      ids = (JSON.parse(payload) as { ids: string[] }).ids;
    } catch (error) {
      logger.warn({ err: error }, "unreadable event notice; asking pages to resync");
      handlers.onResync();
      return;
    }
    if (open && open.size < MAX_BATCH) {
      open.announced.push(ids);
      open.size += ids.length;
      return;
    }
    const batch = { announced: [ids], size: ids.length };
    open = batch;
    chain = chain.then(async () => {
      if (open === batch) open = undefined;
      try {
        const rows = await db.event.findMany({ where: { id: { in: batch.announced.flat().map(BigInt) } } });
        const byId = new Map(rows.map((row) => [row.id.toString(), row]));
        const events: RunEvent[] = [];
        for (const announced of batch.announced) {
          // A notice lists its ids in order (appendEvents and the step statements sort them).
          for (const id of announced) {
            const row = byId.get(id);
            if (row) events.push(toRunEvent(row));
          }
        }
        handlers.onEvents(events);
      } catch (error) {
        logger.warn({ err: error }, "could not load announced events; asking pages to resync");
        handlers.onResync();
      }
    });
  };

  const deliverAccess = (payload: string) => {
    open = undefined;
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

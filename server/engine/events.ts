import type { Prisma } from "../db/generated/client";
import type { Sql } from "./sql";

/**
 * Run events, versioned and namespaced. They are appended in the same transaction as the state
 * change they describe and announced with pg_notify, so a browser never sees a change that did
 * not happen and never misses one that did.
 */
export const eventsChannel = "specwave_events";
export const eventsVersion = 1;

export type RunEventType =
  | "run:updated"
  | "wave:updated"
  | "story:updated"
  | "step:updated"
  /** The tail of a running agent step's output (at most once a second, when it changed). */
  | "step:output"
  | "approval:requested"
  | "approval:decided";

export interface RunEventInput {
  type: RunEventType;
  payload: Record<string, unknown>;
}

export interface RunEvent {
  id: string;
  runId: string;
  type: RunEventType;
  version: number;
  payload: Record<string, unknown>;
  at: string;
}

/**
 * Appends the events in order and announces their ids, in one statement. The listener loads these
 * exact ids: ids from concurrent transactions can commit out of order.
 */
export async function appendEvents(sql: Sql, runId: string, events: RunEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await sql.execute(
    `WITH added AS (
       INSERT INTO "Event" ("runId", type, payload, "createdAt")
       SELECT $1, e.value->>'type', e.value->'payload', $3::timestamp(3)
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(value, n)
       ORDER BY e.n
       RETURNING id
     )
     SELECT pg_notify($4, json_build_object('runId', $1::text, 'ids', (SELECT json_agg(id::text ORDER BY id) FROM added))::text)`,
    [runId, JSON.stringify(events), new Date().toISOString(), eventsChannel],
  );
}

export function toRunEvent(row: {
  id: bigint;
  runId: string;
  type: string;
  payload: Prisma.JsonValue;
  createdAt: Date;
}): RunEvent {
  return {
    id: row.id.toString(),
    runId: row.runId,
    type: row.type as RunEventType,
    version: eventsVersion,
    payload: (row.payload ?? {}) as Record<string, unknown>,
    at: row.createdAt.toISOString(),
  };
}

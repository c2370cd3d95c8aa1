import type { Prisma } from "../db/generated/client";
import type { Tx } from "./types";

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

export async function appendEvents(tx: Tx, runId: string, events: RunEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const rows = await tx.event.createManyAndReturn({
    data: events.map((event) => ({
      runId,
      type: event.type,
      payload: event.payload as Prisma.InputJsonValue,
    })),
    select: { id: true },
  });
  // The listener loads these exact ids: ids from concurrent transactions can commit out of order.
  const announcement = JSON.stringify({ runId, ids: rows.map((row) => row.id.toString()) });
  await tx.$executeRaw`SELECT pg_notify(${eventsChannel}, ${announcement})`;
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

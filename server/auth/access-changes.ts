import { z } from "zod";
import type { Db, Prisma } from "../db/client";

/**
 * Someone's access changed while they may be connected: a membership added or removed (they may
 * now read, or no longer read, that project's runs), an API token revoked or a session ended by
 * signing out (a socket signed in with it must go). Live connections are held by the web
 * processes, so the change is announced with NOTIFY, which PostgreSQL delivers when the
 * transaction commits, in commit order with the run events (server/realtime/access-watch.ts
 * applies it).
 */
export const accessChannel = "specwave_access";

export const accessChangeSchema = z.object({
  userId: z.string(),
  /** The revoked token, when a token was revoked. */
  tokenId: z.string().optional(),
  /** The ended session, when someone signed out. */
  sessionId: z.string().optional(),
});
export type AccessChange = z.infer<typeof accessChangeSchema>;

export async function announceAccessChange(db: Db | Prisma.TransactionClient, change: AccessChange) {
  await db.$executeRaw`SELECT pg_notify(${accessChannel}, ${JSON.stringify(change)})`;
}

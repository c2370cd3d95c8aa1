import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { createId } from "../db/ids";
import { AppError } from "../errors/app-error";
import { announceAccessChange } from "./access-changes";

/**
 * API tokens for the command line and CI. A token is `swt_` + 43 base64url characters (256
 * random bits); only its SHA-256 is stored, which is enough for a secret with that much
 * entropy (no salt or slow hash needed: it cannot be guessed from a dictionary).
 */
export const tokenPrefix = "swt_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return /^swt_[A-Za-z0-9_-]{43}$/.test(value);
}

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const summary = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Creates a token; the returned `token` is the only time it is ever shown. */
export async function createToken(
  db: Db,
  userId: string,
  name: string,
): Promise<{ token: string; record: TokenSummary }> {
  const token = tokenPrefix + randomBytes(32).toString("base64url");
  const record = await db.apiToken.create({
    data: { id: createId("tok"), userId, name, prefix: token.slice(0, 10), hash: hashToken(token) },
    select: summary,
  });
  return { token, record };
}

export function listTokens(db: Db, userId: string): Promise<TokenSummary[]> {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: summary });
}

/**
 * Revokes a token of `userId` (an instance administrator may revoke anyone's). Revoking twice
 * is harmless; a token that is not theirs is reported as missing, not as forbidden, so ids
 * of other people's tokens cannot be probed.
 */
export async function revokeToken(
  db: Db,
  tokenId: string,
  by: { userId: string; isAdmin: boolean },
): Promise<TokenSummary> {
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true } });
  if (!token || (token.userId !== by.userId && !by.isAdmin)) {
    throw new AppError("not_found", `No token ${tokenId}.`);
  }
  await db.$transaction(async (tx) => {
    await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // A socket signed in with the token is disconnected (server/realtime/access-watch.ts).
    await announceAccessChange(tx, { userId: token.userId, tokenId });
  });
  return db.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: summary });
}

/** The user behind a token, or null when it is unknown or revoked. */
export async function userForToken(db: Db, token: string) {
  if (!looksLikeToken(token)) return null;
  const record = await db.apiToken.findUnique({
    where: { hash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, isAdmin: true } },
    },
  });
  if (!record || record.revokedAt) return null;
  // Last use is for people reviewing their tokens: minute precision is plenty, and it spares
  // a write on every request of a busy CI job.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await db.apiToken
      .update({ where: { id: record.id }, data: { lastUsedAt: new Date() } })
      .catch(() => undefined);
  }
  return { tokenId: record.id, user: record.user };
}

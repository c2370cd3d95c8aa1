import type { Db, Prisma } from "../db/client";
import type { Principal } from "./principal";

/** What the audit log records. */
export const auditActions = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "admin_created",
  "user_created",
  "member_set",
  "member_removed",
  "settings_changed",
  "token_created",
  "token_revoked",
  "spec_uploaded",
  "run_started",
  "run_cancelled",
  "wave_decided",
  "item_action",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditInput {
  action: AuditAction;
  actor?: Pick<Principal, "userId" | "email"> & { via?: Principal["via"] };
  actorEmail?: string;
  projectId?: string | null;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

type Writer = Pick<Db, "auditEntry"> | Prisma.TransactionClient;

export async function recordAudit(db: Writer, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      action: entry.action,
      actorId: entry.actor?.userId ?? null,
      actorEmail: entry.actor?.email ?? entry.actorEmail ?? null,
      via: entry.actor?.via ?? null,
      projectId: entry.projectId ?? null,
      target: entry.target ?? null,
      details: (entry.details ?? {}) as Prisma.InputJsonValue,
      ip: entry.ip ?? null,
    },
  });
}

export interface AuditPage {
  entries: {
    id: string;
    createdAt: string;
    actorId: string | null;
    actorEmail: string | null;
    via: string | null;
    action: string;
    projectId: string | null;
    target: string | null;
    details: unknown;
    ip: string | null;
  }[];
  nextCursor: string | null;
}

/**
 * Newest first, `limit` at a time; `cursor` is the last id of the previous page. An instance
 * administrator sees everything; a project administrator sees the entries of their projects.
 */
export async function listAudit(
  db: Db,
  options: { projectIds: string[] | "all"; cursor?: string; limit: number },
): Promise<AuditPage> {
  const where: Prisma.AuditEntryWhereInput = {
    ...(options.projectIds === "all" ? {} : { projectId: { in: options.projectIds } }),
    ...(options.cursor ? { id: { lt: BigInt(options.cursor) } } : {}),
  };
  const rows = await db.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return {
    entries: page.map((row) => ({ ...row, id: row.id.toString(), createdAt: row.createdAt.toISOString() })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}

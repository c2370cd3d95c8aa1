import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { AppError } from "../errors/app-error";

/** What a new account needs; the same rules for the first-run page, the CLI and administrators. */
export const newUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter an email address such as ada@example.com." })),
  name: z.string().trim().min(1, "Enter a name.").max(200),
  password: z
    .string()
    .min(10, "The password must be at least 10 characters.")
    .max(200, "The password must be at most 200 characters."),
});
export type NewUser = z.infer<typeof newUserSchema>;

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: Date;
}
const userSummary = { id: true, email: true, name: true, isAdmin: true, createdAt: true } as const;

/**
 * Creates a user and their password in one transaction (no user without a way to sign in). The
 * password is hashed with better-auth's own scrypt hasher, so its sign-in verifies it.
 */
async function insertUser(
  tx: Prisma.TransactionClient,
  input: NewUser,
  isAdmin: boolean,
): Promise<UserSummary> {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new AppError("conflict", `There is already a user with the email ${input.email}.`);
  const id = randomBytes(16).toString("hex");
  const user = await tx.user.create({
    data: { id, email: input.email, name: input.name, isAdmin },
    select: userSummary,
  });
  await tx.account.create({
    data: {
      id: randomBytes(16).toString("hex"),
      userId: id,
      accountId: id,
      providerId: "credential",
      password: await hashPassword(input.password),
    },
  });
  return user;
}

export async function createUser(
  db: Db,
  raw: unknown,
  options: { isAdmin?: boolean } = {},
): Promise<UserSummary> {
  const input = newUserSchema.parse(raw);
  try {
    return await db.$transaction((tx) => insertUser(tx, input, options.isAdmin ?? false));
  } catch (error) {
    // Two requests for one email at once: the unique index decides, the loser hears why.
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("conflict", `There is already a user with the email ${input.email}.`);
    }
    throw error;
  }
}

export async function needsFirstAdmin(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * The first-run flow: creates the first administrator, once. Two people submitting the form at
 * the same moment are serialised by an advisory lock; the second is told Specwave is set up.
 */
export async function createFirstAdmin(db: Db, raw: unknown): Promise<UserSummary> {
  const input = newUserSchema.parse(raw);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('specwave:first-admin'))`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("conflict", "Specwave already has an administrator: sign in instead.");
    }
    return insertUser(tx, input, true);
  });
}

export function listUsers(db: Db): Promise<UserSummary[]> {
  return db.user.findMany({ orderBy: { createdAt: "asc" }, select: userSummary });
}

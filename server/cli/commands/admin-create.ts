import { recordAudit } from "../../auth/audit";
import { createFirstAdmin, createUser, needsFirstAdmin } from "../../auth/users";
import { loadConfig } from "../../config/env";
import { createDb } from "../../db/client";
import { resolveDatabaseUrl } from "../../runtime/services";
import { EXIT, UsageError } from "../exit-codes";
import type { CliIo } from "../io";
import { printJson } from "../server-command";

export interface AdminCreateOptions {
  email: string;
  name?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

export async function createAdmin(io: CliIo, options: AdminCreateOptions): Promise<number> {
  const password = options.passwordStdin ? await readStdin(io) : await askPassword(io);
  const config = loadConfig();
  const db = createDb(resolveDatabaseUrl(config), { max: 2 });
  try {
    const input = { email: options.email, name: options.name ?? options.email.split("@")[0], password };
    const first = await needsFirstAdmin(db);
    const user = first ? await createFirstAdmin(db, input) : await createUser(db, input, { isAdmin: true });
    await recordAudit(db, {
      action: first ? "admin_created" : "user_created",
      target: user.id,
      details: { email: user.email, isAdmin: true, via: "command line" },
    });
    if (options.json) printJson(io, { user });
    else io.stdout(`Created administrator ${user.email}. Sign in at the dashboard with this email.\n`);
    return EXIT.ok;
  } finally {
    await db.$disconnect();
  }
}

async function readStdin(io: CliIo): Promise<string> {
  if (!io.readStdin) throw new UsageError("--password-stdin needs standard input.");
  const text = (await io.readStdin()).replace(/\r?\n$/, "");
  if (!text) throw new UsageError("No password on standard input.");
  return text;
}

async function askPassword(io: CliIo): Promise<string> {
  if (!io.interactive || !io.promptHidden) {
    throw new UsageError(
      'Give the password with --password-stdin (for example: echo "$PASSWORD" | specwave admin create …).',
    );
  }
  const password = await io.promptHidden("Password (at least 10 characters): ");
  const again = await io.promptHidden("Password again: ");
  if (password !== again) throw new UsageError("The two passwords differ.");
  return password;
}

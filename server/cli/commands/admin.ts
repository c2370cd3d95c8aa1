/**
 * `specwave admin create --email … --name …`: creates an administrator directly in the database,
 * on the machine Specwave runs on (DATABASE_URL, or the embedded database `npm start` started).
 * It is how a first administrator is made without a browser, and how one is recovered. The
 * password is read from stdin (`--password-stdin`) or asked for without echo.
 */
import type { Command } from "commander";
import { ZodError } from "zod";
import { AppError } from "../../errors/app-error";
import { EXIT, UsageError } from "../exit-codes";
import type { CliIo } from "../io";
import { printJson } from "../server-command";
import type { AdminCreateOptions } from "./admin-create";

export function registerAdminCommands(program: Command, io: CliIo): void {
  const admin = program
    .command("admin")
    .description("Administer this machine's Specwave (needs its database).");
  admin
    .command("create")
    .description("Create an administrator of Specwave.")
    .requiredOption("--email <email>", "their email, used to sign in")
    .option("--name <name>", "their name (default: the part of the email before @)")
    .option("--password-stdin", "read the password from standard input")
    .option("--json", "print machine-readable JSON on stdout")
    .action(async (options: AdminCreateOptions) => {
      try {
        // Loaded on use: the database client is not needed by any other command.
        const { createAdmin } = await import("./admin-create");
        io.exitCode = await createAdmin(io, options);
      } catch (error) {
        const message = explain(error);
        io.exitCode =
          error instanceof UsageError || error instanceof AppError || error instanceof ZodError
            ? EXIT.usage
            : EXIT.unreachable;
        if (options.json) printJson(io, { error: { code: "admin_create_failed", message } });
        else io.stderr(`specwave admin create: ${message}\n`);
      }
    });
}

function explain(error: unknown): string {
  if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues)) {
    return error.issues.map((issue: { message: string }) => issue.message).join(" ");
  }
  return error instanceof Error ? error.message : String(error);
}

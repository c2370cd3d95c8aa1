/**
 * Entry point of the `specwave` command (bin/specwave.mjs). Each subcommand registers itself on
 * the program; commands write through the injected streams and report an exit code, so tests
 * run them in-process. Exit codes (server/cli/exit-codes.ts): 0 success, 1 the run failed,
 * 2 usage or input error, 3 server unreachable or unauthorised.
 */
import { Command, CommanderError } from "commander";
import { registerAdminCommands } from "./commands/admin";
import { registerCancelCommand } from "./commands/cancel";
import { registerDecisionCommands } from "./commands/decide";
import { registerExportCommand } from "./commands/export";
import { registerPlanCommand } from "./commands/plan";
import { registerRunCommand } from "./commands/run";
import { registerStatusCommand } from "./commands/status";
import { EXIT } from "./exit-codes";
import { type CliIo, nodeIo } from "./io";

export function createProgram(io: CliIo): Command {
  const program = new Command("specwave")
    .description("Plan and run a spec's dependency waves with AI coding agents.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText(
      "after",
      "\nServer: --url or $SPECWAVE_URL (default http://127.0.0.1:3000); token: $SPECWAVE_TOKEN.\n" +
        "Exit codes: 0 success, 1 run failed, 2 usage or input error, 3 server unreachable or unauthorised.\n",
    );
  registerPlanCommand(program, io);
  registerRunCommand(program, io);
  registerStatusCommand(program, io);
  registerDecisionCommands(program, io);
  registerCancelCommand(program, io);
  registerExportCommand(program, io);
  registerAdminCommands(program, io);
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return io.exitCode ?? EXIT.ok;
  } catch (err) {
    // --help and --version end with code 0; every other commander error is a usage error.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.stderr(`specwave: ${(err as Error)?.message ?? String(err)}\n`);
    return EXIT.runFailed;
  }
}

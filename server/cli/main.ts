/**
 * Entry point of the `specwave` command (bin/specwave.mjs). Each subcommand registers itself on
 * the program; commands write through the injected streams and report an exit code, so tests
 * run them in-process.
 */
import { Command, CommanderError } from "commander";
import { registerPlanCommand } from "./commands/plan";
import { type CliIo, nodeIo } from "./io";

export function createProgram(io: CliIo): Command {
  const program = new Command("specwave")
    .description("Plan and run a spec's dependency waves with AI coding agents.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  registerPlanCommand(program, io);
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return io.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    io.stderr(`specwave: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

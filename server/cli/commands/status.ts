/**
 * `specwave status <run>`: the run's waves, a bar each, and its items. Exit 0, or 1 when the run
 * failed or was cancelled, so a script can test a run's outcome with the exit code alone.
 */
import type { Command } from "commander";
import { EXIT } from "../exit-codes";
import { formatRunStatus } from "../format-run";
import type { CliIo } from "../io";
import { addServerOptions, clientFor, printJson, type ServerOptions, serverAction } from "../server-command";
import { fetchRun } from "../watch";

export function registerStatusCommand(program: Command, io: CliIo): void {
  const command = program
    .command("status")
    .description("Show a run's waves and items.")
    .argument("<run>", "the run's id (run_…)");
  addServerOptions(command).action(
    serverAction(io, "status", async (runId: string, options: ServerOptions) => {
      const view = await fetchRun(clientFor(io, options), runId);
      if (options.json) printJson(io, view);
      else io.stdout(formatRunStatus(view));
      return view.status === "failed" || view.status === "cancelled" ? EXIT.runFailed : EXIT.ok;
    }),
  );
}

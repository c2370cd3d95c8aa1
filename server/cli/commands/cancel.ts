/** `specwave cancel <run>`: nothing new starts and running agents are stopped. Repeats are harmless. */
import type { Command } from "commander";
import { cancelOutcomeSchema } from "../../web/schemas";
import { EXIT } from "../exit-codes";
import type { CliIo } from "../io";
import { addServerOptions, clientFor, printJson, type ServerOptions, serverAction } from "../server-command";

export function registerCancelCommand(program: Command, io: CliIo): void {
  const command = program
    .command("cancel")
    .description("Cancel a run.")
    .argument("<run>", "the run's id (run_…)");
  addServerOptions(command).action(
    serverAction(io, "cancel", async (runId: string, options: ServerOptions) => {
      const { outcome } = await clientFor(io, options).json(
        "POST",
        `/api/v1/runs/${encodeURIComponent(runId)}/cancel`,
        cancelOutcomeSchema,
      );
      if (options.json) printJson(io, { runId, outcome });
      else
        io.stdout(
          outcome === "cancelled" ? `Cancelled run ${runId}.\n` : `Run ${runId} had already ended.\n`,
        );
      return EXIT.ok;
    }),
  );
}

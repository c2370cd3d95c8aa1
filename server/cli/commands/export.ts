/**
 * `specwave export <run> --format F [--out file]`: the run in one of the seed workflows'
 * formats, on stdout or into a file. With --json the answer describes what was written (or
 * carries the document as text when there is no --out).
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { EXIT, UsageError } from "../exit-codes";
import type { CliIo } from "../io";
import { addServerOptions, clientFor, printJson, type ServerOptions, serverAction } from "../server-command";

/** The export route's formats (server/exports EXPORT_FORMATS); the CLI does not load the exporters. */
export const CLI_EXPORT_FORMATS = ["checkpoint", "execution", "result", "progress", "tasks"] as const;

interface ExportOptions extends ServerOptions {
  format: (typeof CLI_EXPORT_FORMATS)[number];
  out?: string;
}

export function registerExportCommand(program: Command, io: CliIo): void {
  const command = program
    .command("export")
    .description("Download a run as a checkpoint, execution log, result, progress report or task file.")
    .argument("<run>", "the run's id (run_…)")
    .addOption(
      new Option("--format <format>", "what to export").choices(CLI_EXPORT_FORMATS).makeOptionMandatory(),
    )
    .option("--out <file>", "write to this file instead of stdout");
  addServerOptions(command).action(
    serverAction(io, "export", async (runId: string, options: ExportOptions) => {
      const response = await clientFor(io, options).raw(
        "GET",
        `/api/v1/runs/${encodeURIComponent(runId)}/export?format=${options.format}`,
      );
      const fileName = /filename="([^"]+)"/.exec(response.disposition)?.[1] ?? null;
      if (options.out) {
        const path = resolve(io.cwd, options.out);
        try {
          writeFileSync(path, response.body);
        } catch (error) {
          throw new UsageError(`cannot write ${options.out}: ${(error as Error).message}`);
        }
        if (options.json)
          printJson(io, {
            runId,
            format: options.format,
            file: path,
            bytes: Buffer.byteLength(response.body),
          });
        else io.stderr(`Wrote ${options.format} export of ${runId} to ${options.out}.\n`);
        return EXIT.ok;
      }
      if (options.json)
        printJson(io, {
          runId,
          format: options.format,
          fileName,
          contentType: response.contentType,
          body: response.body,
        });
      else io.stdout(response.body);
      return EXIT.ok;
    }),
  );
}

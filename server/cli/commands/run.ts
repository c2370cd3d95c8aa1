/**
 * `specwave run <spec files… | spec id>`: uploads the files as a spec (POST /api/v1/specs; a
 * spec with errors is refused and its errors printed with file:line, exit 2), starts a run with
 * the chosen settings, and with `--watch` follows it to the end (exit 0 succeeded, 1 otherwise).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { z } from "zod";
import { SPEC_FORMATS, type SpecFormat } from "../../specs";
import type { AcceptedDependency } from "../../specs-upload/accepted-dependencies";
import { runStartedSchema, specCreatedSchema, type startRunSchema } from "../../web/schemas";
import type { ApiClient } from "../api-client";
import { EXIT, UsageError } from "../exit-codes";
import { formatRunStatus } from "../format-run";
import { type CliIo, readSpecPaths } from "../io";
import { collectAccepted, parseConcurrency, parsePositiveInt } from "../parse-args";
import { addServerOptions, clientFor, printJson, type ServerOptions, serverAction } from "../server-command";
import { fetchRun, phaseDone, watchRun } from "../watch";

export interface RunCommandOptions extends ServerOptions {
  mode?: "waves" | "eager" | "sequential";
  batchSize?: number;
  concurrency?: number;
  approval?: boolean;
  strict?: boolean;
  lenient?: boolean;
  tdd?: boolean;
  reviewers?: boolean;
  format?: SpecFormat;
  name?: string;
  project?: string;
  phase?: number;
  watch?: boolean;
  accept?: AcceptedDependency[];
}

type RunSettings = NonNullable<z.input<typeof startRunSchema>["settings"]>;

const SPEC_ID = /^spec_[0-9a-z]+$/;

export function registerRunCommand(program: Command, io: CliIo): void {
  const command = program
    .command("run")
    .description("Upload a spec (or use a stored spec's id) and start a run of its waves.")
    .argument("<spec...>", "spec files or folders, or the id of a stored spec (spec_…)")
    .addOption(new Option("--mode <mode>", "how items are started").choices(["waves", "eager", "sequential"]))
    .option("--batch-size <n>", "start at most n items per wave", parsePositiveInt)
    .option("--concurrency <n>", "at most n of the run's items in flight at once (1–10)", parseConcurrency)
    .option("--no-approval", "run every wave without stopping for approval")
    .addOption(new Option("--strict", "stop the run on the first failed item or gate (the default)"))
    .addOption(new Option("--lenient", "let other items go on when one fails").conflicts("strict"))
    .option("--no-tdd", "skip the test-author step (no tests written before the code)")
    .option("--reviewers", "add the spec-compliance and code-quality reviewers")
    .addOption(new Option("--format <format>", "read the files as this format").choices(SPEC_FORMATS))
    .option(
      "--accept <item:dependency>",
      "apply a dependency the spec suggests in prose (repeatable)",
      collectAccepted,
    )
    .option("--name <name>", "the spec's name on the dashboard (default: the first file's)")
    .option("--project <id>", "the project to upload the spec into (default: prj_demo)")
    .option("--phase <n>", "run up to phase (wave) n, then pause until `specwave resume`", parsePositiveInt)
    .option("--watch", "follow the run live until it ends; exit 0 if it succeeded, 1 if not");
  addServerOptions(command).action(
    serverAction(io, "run", async (specs: string[], options: RunCommandOptions) => {
      const settings = runSettings(options, (key) => command.getOptionValueSource(key));
      return runCommand(io, specs, options, settings);
    }),
  );
}

/**
 * Only settings the user gave are sent, so the server's defaults (approval required, strict,
 * TDD on) stay the server's. Commander fills `--no-x` flags with `true` by default, hence the
 * value source.
 */
export function runSettings(
  options: RunCommandOptions,
  source: (key: string) => string | undefined,
): RunSettings {
  const given = (key: string) => source(key) === "cli";
  const settings: RunSettings = {};
  if (options.mode) settings.mode = options.mode;
  if (options.batchSize !== undefined) settings.batchSize = options.batchSize;
  if (options.concurrency !== undefined) settings.concurrency = options.concurrency;
  if (given("approval") && options.approval === false) settings.approval = "automatic";
  if (options.strict) settings.strict = true;
  if (options.lenient) settings.strict = false;
  if (given("tdd") && options.tdd === false) settings.tdd = false;
  if (options.reviewers) settings.reviewers = true;
  if (options.phase !== undefined) settings.stopAfterWave = options.phase - 1;
  return settings;
}

async function runCommand(
  io: CliIo,
  specs: string[],
  options: RunCommandOptions,
  settings: RunSettings,
): Promise<number> {
  const client = clientFor(io, options);
  const specId = await resolveSpec(io, client, specs, options);
  const { runId } = await client.json("POST", "/api/v1/runs", runStartedSchema, { specId, settings });
  if (!options.watch) {
    if (options.json) printJson(io, { runId, specId, settings });
    else io.stdout(`Started run ${runId} (spec ${specId}).\nFollow it: specwave status ${runId}\n`);
    return EXIT.ok;
  }
  if (!options.json) io.stdout(`Started run ${runId} (spec ${specId}).\n`);
  const view = await watchRun(io, client, runId, {
    quiet: options.json === true,
    promptForApproval: options.approval !== false,
  });
  if (options.json) printJson(io, view);
  else io.stdout(`\n${formatRunStatus(await fetchRun(client, runId))}`);
  return view.status === "succeeded" || phaseDone(view) ? EXIT.ok : EXIT.runFailed;
}

/** A lone `spec_…` that is not a file on disk is a stored spec's id; anything else is uploaded. */
async function resolveSpec(io: CliIo, client: ApiClient, specs: string[], options: RunCommandOptions) {
  const [first] = specs;
  if (specs.length === 1 && first && SPEC_ID.test(first) && !existsSync(resolve(io.cwd, first))) return first;
  let files: ReturnType<typeof readSpecPaths>;
  try {
    files = readSpecPaths(specs, io.cwd);
  } catch (error) {
    throw new UsageError(
      `cannot read ${(error as NodeJS.ErrnoException).path ?? "the spec files"}: ${(error as Error).message}`,
    );
  }
  if (files.length === 0) throw new UsageError("no spec files found (.md, .markdown, .txt or .json).");
  const spec = await client.json("POST", "/api/v1/specs", specCreatedSchema, {
    files,
    ...(options.format ? { format: options.format } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.project ? { projectId: options.project } : {}),
    ...(options.accept ? { acceptedDependencies: options.accept } : {}),
  });
  if (!options.json && spec.plan.warnings.length > 0) {
    io.stderr(`The spec has ${spec.plan.warnings.length} warning(s); \`specwave plan\` lists them.\n`);
  }
  return spec.id;
}

/**
 * `specwave plan <files…> [--json] [--format X] [--batch-size N] [--accept ITEM:DEP…]`: parse
 * and plan specs locally, as an upload would (with the suggested dependencies accepted), print
 * the waves as a table (or JSON), or the errors with their file and line. Exit code 0 when a plan
 * was produced, 1 when the spec does not plan, 2 for a usage error.
 */
import { type Command, Option } from "commander";
import { SPEC_FORMATS, type SpecFormat } from "../../specs";
import type { AcceptedDependency } from "../../specs-upload/accepted-dependencies";
import { planUpload } from "../../specs-upload/plan-upload";
import { EXIT } from "../exit-codes";
import { formatIssues, formatPlanTable } from "../format-plan";
import { type CliIo, readSpecPaths } from "../io";
import { collectAccepted, parsePositiveInt } from "../parse-args";

interface PlanCommandOptions {
  json?: boolean;
  format?: SpecFormat;
  batchSize?: number;
  accept?: AcceptedDependency[];
}

export function registerPlanCommand(program: Command, io: CliIo): void {
  program
    .command("plan")
    .description("Show the dependency waves Specwave would run for these spec files (folders allowed).")
    .argument("<files...>", "spec files or folders")
    .option("--json", "print the plan (or the errors) as JSON")
    .addOption(
      new Option("--format <format>", "read the files as this format instead of detecting it").choices(
        SPEC_FORMATS,
      ),
    )
    .option("--batch-size <n>", "start at most n items per wave", parsePositiveInt)
    .option(
      "--accept <item:dependency>",
      "apply a dependency the spec suggests in prose (repeatable)",
      collectAccepted,
    )
    .action((paths: string[], options: PlanCommandOptions) => {
      io.exitCode = runPlan(paths, options, io);
    });
}

function runPlan(paths: string[], options: PlanCommandOptions, io: CliIo): number {
  let files: ReturnType<typeof readSpecPaths>;
  try {
    files = readSpecPaths(paths, io.cwd);
  } catch (err) {
    io.stderr(
      `specwave plan: cannot read ${(err as NodeJS.ErrnoException).path ?? "the files"}: ${(err as Error).message}\n`,
    );
    return EXIT.usage;
  }
  const result = planUpload(files, {
    format: options.format,
    batchSize: options.batchSize,
    acceptedDependencies: options.accept,
  });
  if (options.json) {
    const { ok, errors, warnings } = result;
    io.stdout(`${JSON.stringify(result.ok ? result.plan : { ok, errors, warnings }, null, 2)}\n`);
    return result.ok ? EXIT.ok : EXIT.runFailed;
  }
  // `plan` answers "does this spec plan?": 0 yes, 1 no (with the errors). Unreadable files and
  // bad flags are usage errors (2), as for every command.
  if (!result.ok || !result.plan) {
    io.stderr(formatIssues(result.errors, "error"));
    if (result.warnings.length > 0) io.stderr(formatIssues(result.warnings, "warning"));
    return EXIT.runFailed;
  }
  io.stdout(formatPlanTable(result.plan));
  const accepted = result.suggestedDependencies.filter((s) => s.accepted);
  if (accepted.length > 0)
    io.stdout(`Accepted: ${accepted.map((s) => `${s.item} depends on ${s.dependsOn}`).join(", ")}\n`);
  return EXIT.ok;
}

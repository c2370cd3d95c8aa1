/**
 * `specwave approve <run> [--wave N] [--comment text]` and `specwave resume <run>`: Continue on
 * a wave (POST /api/v1/runs/:id/approvals). Approve defaults to the wave awaiting approval;
 * resume is Continue on the wave a person paused at. Waves are numbered from 1, as `plan` and
 * `status` show them.
 */
import type { Command } from "commander";
import { decisionOutcomeSchema } from "../../web/schemas";
import { EXIT, UsageError } from "../exit-codes";
import { waveAwaitingApproval } from "../format-run";
import type { CliIo } from "../io";
import { parsePositiveInt } from "../parse-args";
import { addServerOptions, clientFor, printJson, type ServerOptions, serverAction } from "../server-command";
import { fetchRun } from "../watch";

interface ApproveOptions extends ServerOptions {
  wave?: number;
  comment?: string;
}

export function registerDecisionCommands(program: Command, io: CliIo): void {
  const approve = program
    .command("approve")
    .description("Continue a run past a wave awaiting approval.")
    .argument("<run>", "the run's id (run_…)")
    .option(
      "--wave <n>",
      "the wave to approve, from 1 (default: the one awaiting approval)",
      parsePositiveInt,
    )
    .option("--comment <text>", "a note kept with the approval");
  addServerOptions(approve).action(
    serverAction(io, "approve", (runId: string, options: ApproveOptions) =>
      decide(io, runId, options, "approve"),
    ),
  );

  const resume = program
    .command("resume")
    .description("Resume a paused run (Continue on the wave it paused at).")
    .argument("<run>", "the run's id (run_…)")
    .option("--comment <text>", "a note kept with the decision");
  addServerOptions(resume).action(
    serverAction(io, "resume", (runId: string, options: ApproveOptions) =>
      decide(io, runId, options, "resume"),
    ),
  );

  const pause = program
    .command("pause")
    .description(
      "Pause a run: at the wave awaiting approval, or, while a wave runs, when that wave ends (its items finish first).",
    )
    .argument("<run>", "the run's id (run_…)")
    .option("--comment <text>", "a note kept with the decision");
  addServerOptions(pause).action(
    serverAction(io, "pause", async (runId: string, options: ApproveOptions) => {
      const client = clientFor(io, options);
      const view = await fetchRun(client, runId);
      if (!["running", "awaiting_approval", "pending"].includes(view.status)) {
        throw new UsageError(
          `run ${runId} is ${view.status.replaceAll("_", " ")}; there is nothing to pause.`,
        );
      }
      const waveIndex = waveAwaitingApproval(view)?.index ?? view.currentWave ?? 0;
      const { outcome } = await client.json(
        "POST",
        `/api/v1/runs/${encodeURIComponent(runId)}/approvals`,
        decisionOutcomeSchema,
        { waveIndex, decision: "pause", ...(options.comment ? { comment: options.comment } : {}) },
      );
      if (options.json) printJson(io, { runId, wave: waveIndex + 1, decision: "pause", outcome });
      else
        io.stdout(
          outcome === "applied"
            ? `Paused run ${runId} at wave ${waveIndex + 1}; \`specwave resume ${runId}\` continues it.\n`
            : outcome === "recorded"
              ? `Pause recorded: run ${runId} stops when wave ${waveIndex + 1} ends.\n`
              : `Run ${runId} was already paused at wave ${waveIndex + 1}.\n`,
        );
      return EXIT.ok;
    }),
  );
}

async function decide(io: CliIo, runId: string, options: ApproveOptions, verb: "approve" | "resume") {
  const client = clientFor(io, options);
  let waveIndex = options.wave === undefined ? undefined : options.wave - 1;
  if (waveIndex === undefined) {
    const view = await fetchRun(client, runId);
    if (verb === "resume" && view.status !== "paused") {
      throw new UsageError(
        `run ${runId} is ${view.status.replaceAll("_", " ")}, not paused; nothing to resume.`,
      );
    }
    const wave = waveAwaitingApproval(view);
    if (!wave) {
      throw new UsageError(
        `run ${runId} is ${view.status.replaceAll("_", " ")}; no wave is awaiting approval.`,
      );
    }
    waveIndex = wave.index;
  }
  const { outcome } = await client.json(
    "POST",
    `/api/v1/runs/${encodeURIComponent(runId)}/approvals`,
    decisionOutcomeSchema,
    { waveIndex, decision: "continue", ...(options.comment ? { comment: options.comment } : {}) },
  );
  if (options.json) printJson(io, { runId, wave: waveIndex + 1, decision: "continue", outcome });
  else io.stdout(`${describeOutcome(outcome, waveIndex + 1)}\n`);
  return EXIT.ok;
}

export function describeOutcome(outcome: "applied" | "recorded" | "duplicate", wave: number): string {
  switch (outcome) {
    case "applied":
      return `Approved wave ${wave}; the next wave is starting.`;
    case "recorded":
      return `Approval of wave ${wave} recorded; it applies when the wave's items finish.`;
    case "duplicate":
      return `Wave ${wave} was already approved; nothing changed.`;
  }
}

import { execa } from "execa";
import { buildChildEnv, defaultParentEnv } from "../agents/child-env";
import { type GateOutcome, loadWaveGates, recordGates } from "../engine/gates-lifecycle";
import type { EngineDeps } from "../engine/types";
import { describeCommand, readProjectConfig } from "../projects/project-config";
import { gitWorkspaces, prepareRunWorkspace } from "./item-workspace";

/**
 * A wave's gates, run in the project's workspace. Commands come from the project's configuration;
 * a gate the spec names that the project does not configure is recorded as skipped with the
 * spec's command text shown, and runs only when an administrator enabled spec-defined commands.
 */
export async function runWaveGates(deps: EngineDeps, waveId: string, signal: AbortSignal): Promise<void> {
  const info = await loadWaveGates(deps, waveId);
  if (!info) return;
  const config = readProjectConfig(info.projectConfig);
  const git = gitWorkspaces();
  const run = await prepareRunWorkspace(
    info.workspacePath,
    info.runId,
    info.workspacePath.includes("workspaces/demo"),
  );
  // Gates check the run branch as merged so far, in its own worktree.
  const { path: cwd } = await git.openRunWorktree(run.repo, run.runBranch);
  const outcomes: GateOutcome[] = [];
  const clean = await git.isClean(cwd);
  outcomes.push({
    name: "clean-worktree",
    scope: "wave",
    status: clean.clean ? "passed" : "failed",
    command: "git status --porcelain",
    outputTail: clean.clean ? "clean" : clean.files.map((file) => `${file.code} ${file.path}`).join("\n"),
  });
  const planned: { name: string; scope: "wave" | "dod" }[] = [
    ...info.gates.map((name) => ({ name, scope: "wave" as const })),
    ...(info.isLast ? config.dodGates.map((name) => ({ name, scope: "dod" as const })) : []),
  ];
  for (const gate of planned) {
    const configured = config.gates[gate.name];
    const specCommand = info.specGateCommands[gate.name];
    if (!configured && !(specCommand && config.specCommandsEnabled)) {
      outcomes.push({
        ...gate,
        status: "skipped",
        command: specCommand ?? "",
        outputTail: specCommand
          ? "The spec gives this command; spec-defined commands are not enabled for this project, so it did not run."
          : "This gate is not configured for the project.",
      });
      continue;
    }
    const [command, args, timeoutMs] = configured
      ? [configured.command, configured.args, configured.timeoutSeconds * 1000]
      : ["sh", ["-c", specCommand ?? "false"], 600_000];
    const started = Date.now();
    const result = await execa(command, args, {
      cwd,
      reject: false,
      all: true,
      timeout: timeoutMs,
      cancelSignal: signal,
      // Gates see no secrets of the server: PATH and HOME only.
      env: buildChildEnv(defaultParentEnv(), [], { CI: "1", NO_COLOR: "1" }),
      extendEnv: false,
    });
    outcomes.push({
      ...gate,
      status: result.exitCode === 0 ? "passed" : "failed",
      command: configured ? describeCommand(configured) : (specCommand ?? ""),
      exitCode: result.exitCode ?? null,
      durationMs: Date.now() - started,
      outputTail: String(result.all ?? "").slice(-8000),
    });
  }
  if (signal.aborted) return;
  await recordGates(deps, waveId, outcomes);
  // After the last wave the items' worktrees go; their branches were merged into the run branch.
  if (info.isLast) await git.removeWorktrees(run.repo, info.runId).catch(() => undefined);
}

/**
 * Run by a test in its own Node process: starts an agent that never finishes (with a grandchild),
 * prints the pids it recorded, then exits the process mid-run, as a worker does at shutdown.
 * Usage: node --import tsx exit-mid-run.ts <workspaceDir> <PATH>
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createCommandAdapter } from "../command-adapter";
import { CLAUDE_CODE_PRESET } from "../presets";
import { makeItem, standIn } from "./task-fixtures";

const [workspaceDir = "", pathVariable = ""] = process.argv.slice(2);
const adapter = createCommandAdapter(
  { ...CLAUDE_CODE_PRESET, command: standIn("fake-claude"), model: "m", envAllowlist: ["FAKE_AGENT_MODE"] },
  { parentEnv: { PATH: pathVariable, FAKE_AGENT_MODE: "tree" } },
);
void adapter.run({
  runId: "run_exit",
  storyId: "story_exit",
  stepId: "step_exit",
  attempt: 1,
  role: "implementer",
  item: makeItem(),
  workspaceDir,
  signal: new AbortController().signal,
  onOutput: () => {},
});

const pidsFile = path.join(workspaceDir, ".fake-agent", "pids.json");
for (let waited = 0; waited < 10_000 && !existsSync(pidsFile); waited += 50) await sleep(50);
process.stdout.write(readFileSync(pidsFile, "utf8"));
process.exit(0);

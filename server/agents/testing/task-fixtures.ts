import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AgentItem, AgentRole, AgentTask } from "../types";

/** Absolute path of a stand-in CLI in this folder. */
export function standIn(name: "fake-claude" | "fake-codex" | "fake-gemini" | "fake-aider"): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export function makeItem(overrides: Partial<AgentItem> = {}): AgentItem {
  return {
    id: "T014",
    title: "Rate-limit the login endpoint",
    body: "Add a limiter that allows 5 attempts per minute per IP.",
    acceptanceCriteria: [
      "The 6th attempt within a minute gets HTTP 429",
      "A successful login resets the counter",
    ],
    outputs: ["src/auth/rate-limit.ts", "src/auth/rate-limit.test.ts"],
    requirements: ["REQ-SEC-3 brute-force protection"],
    specSection: "## 4.2 Login\nAttempts are limited per client address.",
    constraints: ["No new runtime dependencies"],
    complex: false,
    ...overrides,
  };
}

export interface TaskHarness {
  task: AgentTask;
  output: string[];
  controller: AbortController;
  workspaceDir: string;
  /** What the stand-in recorded about its own invocation. */
  invocation(): Promise<{ argv: string[]; cwd: string; env: Record<string, string> }>;
  receivedPrompt(): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeTask(
  options: { role?: AgentRole; item?: Partial<AgentItem>; testFile?: string } = {},
): Promise<TaskHarness> {
  const workspaceDir = await mkdtemp(path.join(tmpdir(), "specwave-agent-ws-"));
  const output: string[] = [];
  const controller = new AbortController();
  const task: AgentTask = {
    runId: "run_01",
    storyId: "story_01",
    stepId: "step_01",
    attempt: 1,
    role: options.role ?? "implementer",
    item: makeItem(options.item),
    ...(options.testFile === undefined ? {} : { testFile: options.testFile }),
    workspaceDir,
    signal: controller.signal,
    onOutput: (chunk) => output.push(chunk),
  };
  const recorded = (file: string) => readFile(path.join(workspaceDir, ".fake-agent", file), "utf8");
  return {
    task,
    output,
    controller,
    workspaceDir,
    invocation: async () => JSON.parse(await recorded("invocation.json")),
    receivedPrompt: () => recorded("prompt.txt"),
    cleanup: () => rm(workspaceDir, { recursive: true, force: true }),
  };
}

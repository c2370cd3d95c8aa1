import fs from "node:fs/promises";
import path from "node:path";
import type { AgentAdapter, AgentResult, AgentTask } from "./types";

/**
 * The built-in demo agent: really writes a small source module and its node:test file into the
 * item's workspace, so a fresh machine with no API key runs a whole spec. Durations vary so a
 * demo shows bars moving; `failItems` makes chosen items fail, to show the failure states.
 */
export interface DemoAgentOptions {
  durationMs: { min: number; max: number };
  failItems?: string[];
}

export function slugFor(id: string, title: string): string {
  const slug = `${id}-${title}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "item";
}

function sourceFor(fn: string, task: AgentTask): string {
  const criteria = task.item.acceptanceCriteria
    .map((text) => `//   - ${text.replace(/\n/g, " ")}`)
    .join("\n");
  return `// ${task.item.id}: ${task.item.title.replace(/\n/g, " ")}\n// Written by Specwave's demo agent.\n${criteria ? `// Acceptance criteria:\n${criteria}\n` : ""}
export function ${fn}(input) {
  return { item: ${JSON.stringify(task.item.id)}, input, done: true };
}
`;
}

function testFor(fn: string, sourceRel: string, task: AgentTask): string {
  return `import assert from "node:assert/strict";
import { test } from "node:test";
import { ${fn} } from ${JSON.stringify(sourceRel)};

test(${JSON.stringify(`${task.item.id} returns its result`)}, () => {
  assert.deepEqual(${fn}(1), { item: ${JSON.stringify(task.item.id)}, input: 1, done: true });
});

test(${JSON.stringify(`${task.item.id} passes its input through`)}, () => {
  assert.equal(${fn}("x").input, "x");
});
`;
}

function abortable(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Waits and claims nothing: measures Specwave's own overhead in benchmarks. */
export function createNoopAgent(options: { durationMs: { min: number; max: number } }): AgentAdapter {
  return {
    name: "noop",
    async run(task: AgentTask): Promise<AgentResult> {
      const started = Date.now();
      const { min, max } = options.durationMs;
      const wait = min + Math.random() * Math.max(0, max - min);
      const finished = wait <= 0 ? !task.signal.aborted : await abortable(wait, task.signal);
      return {
        exitCode: finished ? 0 : 130,
        claimedDone: finished,
        summary: finished ? "no-op" : "cancelled",
        outputTail: "",
        claimedFiles: [],
        durationMs: Date.now() - started,
        timedOut: false,
        cancelled: !finished,
      };
    },
  };
}

export function createDemoAgent(options: DemoAgentOptions): AgentAdapter {
  return {
    name: "demo",
    async run(task: AgentTask): Promise<AgentResult> {
      const started = Date.now();
      const { min, max } = options.durationMs;
      const finished = await abortable(min + Math.random() * Math.max(0, max - min), task.signal);
      const base = { durationMs: 0, timedOut: false, claimedFiles: [] as string[] };
      if (!finished) {
        return {
          ...base,
          exitCode: 130,
          claimedDone: false,
          summary: "cancelled",
          outputTail: "",
          cancelled: true,
          durationMs: Date.now() - started,
        };
      }
      if (options.failItems?.includes(task.item.id)) {
        const output = `demo agent: ${task.item.id} was asked to fail\n`;
        task.onOutput(output);
        return {
          ...base,
          exitCode: 1,
          claimedDone: false,
          summary: "failed on purpose",
          outputTail: output,
          cancelled: false,
          durationMs: Date.now() - started,
        };
      }
      const slug = slugFor(task.item.id, task.item.title);
      const fn = `run${slug.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()).replace(/^[0-9]/, "_$&")}`;
      const sourceRel = `src/${slug}.mjs`;
      const testRel = `test/${slug}.test.mjs`;
      await fs.mkdir(path.join(task.workspaceDir, "src"), { recursive: true });
      await fs.mkdir(path.join(task.workspaceDir, "test"), { recursive: true });
      await fs.writeFile(path.join(task.workspaceDir, sourceRel), sourceFor(fn, task));
      await fs.writeFile(path.join(task.workspaceDir, testRel), testFor(fn, `../${sourceRel}`, task));
      const output = `demo agent: wrote ${sourceRel} and ${testRel}\n`;
      task.onOutput(output);
      return {
        ...base,
        exitCode: 0,
        claimedDone: true,
        summary: `Implemented ${task.item.id} with a test`,
        outputTail: output,
        claimedFiles: [sourceRel, testRel],
        cancelled: false,
        durationMs: Date.now() - started,
      };
    },
  };
}

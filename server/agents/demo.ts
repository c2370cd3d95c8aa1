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
  /**
   * Items whose implementer fails (exits 1): `ID` on every attempt, `ID@N` on attempts 1..N only
   * (attempts count on across a retry), to show a failure that a retry fixes.
   */
  failItems?: string[];
  /** Items whose implementer claims success but writes code that fails its tests. */
  lieItems?: string[];
}

/** Where the demo agent writes an item's files; verification and the exports read the same names. */
export function demoFilesFor(item: { id: string; title: string }) {
  const slug = slugFor(item.id, item.title);
  const fn = `run${slug.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()).replace(/^[0-9]/, "_$&")}`;
  return { slug, fn, source: `src/${slug}.mjs`, test: `test/${slug}.test.mjs` };
}

/** Expected outputs a spec names that are plain relative file paths (not prose like "migration files"). */
export function outputPaths(outputs: string[]): string[] {
  return outputs
    .map((output) => output.replace(/\s*\(.*\)\s*$/, "").trim())
    .filter((output) => /^[\w.@-]+(\/[\w.@-]+)*\.[a-z0-9]+$/i.test(output) && !output.startsWith(".."));
}

/** Whether the demo implementer fails this attempt of the item, per `failItems` (`ID` or `ID@N`). */
export function demoFailsAttempt(failItems: readonly string[], itemId: string, attempt: number): boolean {
  return failItems.some((entry) => {
    const at = entry.lastIndexOf("@");
    const limit = at > 0 ? entry.slice(at + 1) : "";
    if (at > 0 && /^\d+$/.test(limit)) return entry.slice(0, at) === itemId && attempt <= Number(limit);
    return entry === itemId;
  });
}

export function slugFor(id: string, title: string): string {
  const slug = `${id}-${title}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "item";
}

function sourceFor(fn: string, task: AgentTask, broken: boolean): string {
  const criteria = task.item.acceptanceCriteria
    .map((text) => `//   - ${text.replace(/\n/g, " ")}`)
    .join("\n");
  return `// ${task.item.id}: ${task.item.title.replace(/\n/g, " ")}\n// Written by Specwave's demo agent.\n${criteria ? `// Acceptance criteria:\n${criteria}\n` : ""}
export function ${fn}(input) {
  return { item: ${JSON.stringify(task.item.id)}, input, done: ${broken ? "false" : "true"} };
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

function outputFor(file: string, task: AgentTask): string {
  return `// ${file}: part of ${task.item.id} (${task.item.title.replace(/\n/g, " ")}), written by Specwave's demo agent.\nexport {};\n`;
}

async function writeFiles(root: string, files: Record<string, string>): Promise<string[]> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  }
  return Object.keys(files);
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
      // Testers and reviewers are quicker than implementers.
      const scale = task.role === "implementer" ? 1 : 0.5;
      // A first line at once, so a page following the step sees the agent at work.
      task.onOutput(`demo ${task.role}: working on ${task.item.id} (attempt ${task.attempt})\n`);
      const finished = await abortable((min + Math.random() * Math.max(0, max - min)) * scale, task.signal);
      const result = (fields: Partial<AgentResult>): AgentResult => ({
        exitCode: 0,
        claimedDone: true,
        summary: "",
        outputTail: "",
        claimedFiles: [],
        durationMs: Date.now() - started,
        timedOut: false,
        cancelled: false,
        ...fields,
      });
      if (!finished)
        return result({ exitCode: 130, claimedDone: false, summary: "cancelled", cancelled: true });
      const files = demoFilesFor(task.item);
      const say = (line: string) => {
        task.onOutput(`${line}\n`);
        return `${line}\n`;
      };
      if (task.role === "test-author") {
        const written = await writeFiles(task.workspaceDir, {
          [files.test]: testFor(files.fn, `../${files.source}`, task),
        });
        return result({
          summary: `Wrote the tests for ${task.item.id}`,
          outputTail: say(`demo tester: wrote ${files.test}`),
          claimedFiles: written,
        });
      }
      if (task.role === "reviewer-spec" || task.role === "reviewer-quality") {
        return result({
          summary: "No findings",
          outputTail: say(`demo ${task.role}: ${task.item.id} has no findings`),
        });
      }
      if (demoFailsAttempt(options.failItems ?? [], task.item.id, task.attempt)) {
        return result({
          exitCode: 1,
          claimedDone: false,
          summary: "failed on purpose",
          outputTail: say(`demo agent: ${task.item.id} was asked to fail (attempt ${task.attempt})`),
        });
      }
      const planned: Record<string, string> = {
        [files.source]: sourceFor(files.fn, task, options.lieItems?.includes(task.item.id) ?? false),
      };
      if (!task.testFile) planned[files.test] = testFor(files.fn, `../${files.source}`, task);
      for (const output of outputPaths(task.item.outputs)) planned[output] ??= outputFor(output, task);
      const written = await writeFiles(task.workspaceDir, planned);
      return result({
        summary: `Implemented ${task.item.id}`,
        outputTail: say(`demo implementer: wrote ${written.join(", ")}`),
        claimedFiles: written,
      });
    },
  };
}

import { describe, expect, it } from "vitest";
import { parseAiderText, parsePlainText } from "./aider";
import { parseClaudeStreamJson } from "./claude";
import { parseCodexJsonl } from "./codex";
import { parseGeminiJson } from "./gemini";
import { findReport, REPORT_INSTRUCTIONS } from "./report-block";

const ok = { exitCode: 0 };
const jsonl = (...events: unknown[]) => events.map((event) => JSON.stringify(event)).join("\n");
const report = (fields: object) => `SPECWAVE-REPORT ${JSON.stringify(fields)}`;

describe("Claude Code stream-json", () => {
  const init = { type: "system", subtype: "init", session_id: "s1", model: "claude-sonnet-4-5" };
  const write = (file_path: string) => ({
    type: "assistant",
    message: {
      role: "assistant",
      content: [{ type: "tool_use", id: "t1", name: "Write", input: { file_path } }],
    },
  });

  it("reads the result line and the files its writing tools touched", () => {
    const output = jsonl(
      init,
      write("/ws/src/a.ts"),
      {
        type: "assistant",
        message: { content: [{ type: "tool_use", name: "Edit", input: { file_path: "src/b.ts" } }] },
      },
      {
        type: "assistant",
        message: { content: [{ type: "tool_use", name: "Read", input: { file_path: "src/c.ts" } }] },
      },
      { type: "result", subtype: "success", is_error: false, result: "All done.", num_turns: 4 },
    );
    expect(parseClaudeStreamJson(output, ok)).toEqual({
      claimedDone: true,
      summary: "All done.",
      claimedFiles: ["/ws/src/a.ts", "src/b.ts"],
      findings: [],
    });
  });

  it("lets the agent's report decide its claim and add files", () => {
    const text = `Partly done.\n${report({ done: false, summary: "Blocked on a missing API.", files: ["src/x.ts"] })}`;
    const parsed = parseClaudeStreamJson(
      jsonl(init, { type: "result", subtype: "success", is_error: false, result: text }),
      ok,
    );
    expect(parsed.claimedDone).toBe(false);
    expect(parsed.summary).toBe("Blocked on a missing API.");
    expect(parsed.claimedFiles).toEqual(["src/x.ts"]);
  });

  it("reports error results and a missing result line", () => {
    const maxTurns = parseClaudeStreamJson(
      jsonl(init, { type: "result", subtype: "error_max_turns", is_error: false, num_turns: 30 }),
      ok,
    );
    expect(maxTurns.claimedDone).toBe(false);
    expect(maxTurns.cliError).toContain("error_max_turns");
    const isError = parseClaudeStreamJson(
      jsonl({ type: "result", subtype: "success", is_error: true, result: "Credit balance is too low" }),
      ok,
    );
    expect(isError.cliError).toContain("Credit balance is too low");
    const cut = parseClaudeStreamJson(`${jsonl(init, write("src/a.ts"))}\n{"type":"resu`, ok);
    expect(cut.cliError).toBe("Claude Code printed no result line");
    expect(cut.claimedFiles).toEqual(["src/a.ts"]);
  });
});

describe("Codex exec --json", () => {
  const started = [{ type: "thread.started", thread_id: "th_1" }, { type: "turn.started" }];

  it("reads agent messages and file changes, skipping deletions and failed patches", () => {
    const output = jsonl(
      ...started,
      {
        type: "item.completed",
        item: { id: "i0", type: "command_execution", command: "ls", exit_code: 0, status: "completed" },
      },
      {
        type: "item.completed",
        item: {
          id: "i1",
          type: "file_change",
          status: "completed",
          changes: [
            { path: "/ws/src/a.ts", kind: "add" },
            { path: "/ws/src/old.ts", kind: "delete" },
            { path: "/ws/src/b.ts", kind: "update" },
          ],
        },
      },
      {
        type: "item.completed",
        item: {
          id: "i2",
          type: "file_change",
          status: "failed",
          changes: [{ path: "src/c.ts", kind: "add" }],
        },
      },
      { type: "item.completed", item: { id: "i3", type: "agent_message", text: "Added a and b." } },
      { type: "turn.completed", usage: { input_tokens: 10, cached_input_tokens: 0, output_tokens: 5 } },
    );
    expect(parseCodexJsonl(output, ok)).toEqual({
      claimedDone: true,
      summary: "Added a and b.",
      claimedFiles: ["/ws/src/a.ts", "/ws/src/b.ts"],
      findings: [],
    });
  });

  it("accepts the early item_type / assistant_message shape", () => {
    const output = jsonl(
      { type: "item.completed", item: { id: "item_0", item_type: "assistant_message", text: "Done." } },
      { type: "turn.completed", usage: {} },
    );
    expect(parseCodexJsonl(output, ok).summary).toBe("Done.");
  });

  it("reports a failed turn, a stream error and a missing turn.completed", () => {
    const failed = parseCodexJsonl(
      jsonl(...started, { type: "turn.failed", error: { message: "rate limited" } }),
      ok,
    );
    expect(failed.claimedDone).toBe(false);
    expect(failed.cliError).toBe("Codex: rate limited");
    expect(parseCodexJsonl(jsonl(...started, { type: "error", message: "disconnected" }), ok).cliError).toBe(
      "Codex: disconnected",
    );
    expect(parseCodexJsonl(jsonl(...started), ok).cliError).toBe(
      "Codex: Codex printed no turn.completed event",
    );
  });
});

describe("Gemini CLI json", () => {
  it("reads response and takes files from the report", () => {
    const output = JSON.stringify(
      {
        response: `Wrote it.\n${report({ done: true, summary: "Wrote the limiter.", files: ["src/l.ts"] })}`,
        stats: {},
      },
      null,
      2,
    );
    expect(parseGeminiJson(`Loaded cached credentials.\n${output}`, ok)).toEqual({
      claimedDone: true,
      summary: "Wrote the limiter.",
      claimedFiles: ["src/l.ts"],
      findings: [],
    });
  });

  it("reports an error object and output that is not JSON", () => {
    const error = parseGeminiJson(
      JSON.stringify({ error: { type: "ApiError", message: "quota", code: 429 } }),
      ok,
    );
    expect(error.claimedDone).toBe(false);
    expect(error.cliError).toBe("Gemini CLI: quota");
    expect(parseGeminiJson("Error: not authenticated", ok).cliError).toBe(
      "Gemini CLI printed no JSON result",
    );
  });
});

describe("Aider text", () => {
  it("collects Applied edit lines and trusts the exit code", () => {
    const output =
      "Aider v0.86.1\nApplied edit to src/a.ts\nApplied edit to src/b.ts\n\nBoth files are updated.";
    expect(parseAiderText(output, ok)).toEqual({
      claimedDone: true,
      summary: "Both files are updated.",
      claimedFiles: ["src/a.ts", "src/b.ts"],
      findings: [],
    });
    expect(parseAiderText(output, { exitCode: 1 }).claimedDone).toBe(false);
    expect(parsePlainText("one\n\ntwo", ok).summary).toBe("two");
  });
});

describe("report line", () => {
  it("parses reviewers' findings and takes the last valid line", () => {
    const text = [
      report({ done: true, summary: "first" }),
      report({
        done: false,
        summary: "Two problems.",
        findings: [
          { severity: "blocker", file: "src/a.ts", message: "No 429 on the 6th attempt" },
          { severity: "nitpick", message: "Odd name" },
        ],
      }),
      "SPECWAVE-REPORT {not json",
    ].join("\n");
    expect(findReport(text)).toEqual({
      done: false,
      summary: "Two problems.",
      files: [],
      findings: [
        { severity: "blocker", file: "src/a.ts", message: "No 429 on the 6th attempt" },
        { severity: "minor", message: "Odd name" },
      ],
    });
  });

  it("does not mistake the prompt's own example for a report", () => {
    expect(findReport(REPORT_INSTRUCTIONS)).toBeUndefined();
  });
});

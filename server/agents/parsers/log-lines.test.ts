import { describe, expect, it } from "vitest";
import { formatClaudeLogLine, formatCodexLogLine } from "./log-lines";

const line = (event: unknown) => JSON.stringify(event);

describe("readable log lines", () => {
  it("shows Claude Code's text, tool calls and result, and leaves tool results out", () => {
    expect(formatClaudeLogLine(line({ type: "system", subtype: "init", model: "claude-sonnet-4-5" }))).toBe(
      "[claude] session started, model claude-sonnet-4-5",
    );
    expect(
      formatClaudeLogLine(
        line({
          type: "assistant",
          message: {
            content: [
              { type: "text", text: "Writing the limiter." },
              { type: "tool_use", name: "Write", input: { file_path: "/ws/src/l.ts", content: "..." } },
              { type: "tool_use", name: "Bash", input: { command: "npm test" } },
            ],
          },
        }),
      ),
    ).toBe("Writing the limiter.\n[tool] Write /ws/src/l.ts\n[tool] Bash npm test");
    expect(
      formatClaudeLogLine(line({ type: "user", message: { content: [{ type: "tool_result" }] } })),
    ).toBeUndefined();
    expect(
      formatClaudeLogLine(
        line({ type: "result", subtype: "error_max_turns", is_error: true, num_turns: 30 }),
      ),
    ).toBe("[result] error_max_turns (is_error), 30 turns");
  });

  it("shows Codex's items and turn events, and drops in-progress noise", () => {
    expect(formatCodexLogLine(line({ type: "thread.started", thread_id: "th_1" }))).toBe(
      "[codex] thread th_1 started",
    );
    expect(
      formatCodexLogLine(line({ type: "item.started", item: { type: "command_execution" } })),
    ).toBeUndefined();
    expect(
      formatCodexLogLine(
        line({ type: "item.completed", item: { type: "command_execution", command: "ls", exit_code: 0 } }),
      ),
    ).toBe("[command] ls (exit 0)");
    expect(
      formatCodexLogLine(
        line({
          type: "item.completed",
          item: { type: "file_change", status: "completed", changes: [{ path: "a.ts", kind: "add" }] },
        }),
      ),
    ).toBe("[files] add a.ts");
    expect(formatCodexLogLine(line({ type: "turn.failed", error: { message: "quota" } }))).toBe(
      "[turn failed] quota",
    );
  });

  it("passes through what it does not know, and clips huge text", () => {
    expect(formatClaudeLogLine("npm WARN something")).toBe("npm WARN something");
    const future = line({ type: "something.new", x: 1 });
    expect(formatCodexLogLine(future)).toBe(future);
    const long = formatClaudeLogLine(
      line({ type: "assistant", message: { content: [{ type: "text", text: "x".repeat(5_000) }] } }),
    );
    expect(long?.length).toBeLessThan(2_100);
    expect(long).toContain("[3000 more characters]");
  });
});

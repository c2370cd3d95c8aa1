import type { AgentFinding } from "./report-block";

/** What a preset's parser extracts from a CLI's stdout. Claims only: verification decides. */
export interface ParsedOutput {
  claimedDone: boolean;
  summary: string;
  /** As the CLI wrote them (absolute or relative); the adapter makes them workspace-relative. */
  claimedFiles: string[];
  findings: AgentFinding[];
  /** The CLI reported a failure of its own (API error, turn limit, no final result), whatever its exit code. */
  cliError?: string;
}

export interface ParseContext {
  exitCode: number;
}

/** A preset's `parseOutput` hook: pure, so it can be tested on recorded output. */
export type OutputParser = (stdout: string, context: ParseContext) => ParsedOutput;

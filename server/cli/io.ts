import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { createInterface } from "node:readline/promises";
import { type CliEnv, readCliEnv } from "./cli-env";

/** What a command may touch; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Set by a command to report failure without throwing. */
  exitCode?: number;
  /** SPECWAVE_URL and SPECWAVE_TOKEN; absent in tests unless they pass them. */
  env?: CliEnv;
  /** Whether a person can answer a question (stdin and stdout are terminals). */
  interactive?: boolean;
  /** Asks a person; only called when `interactive`. */
  prompt?(question: string): Promise<string>;
  /** Asks for a secret without echoing it; only called when `interactive`. */
  promptHidden?(question: string): Promise<string>;
  /** All of standard input. */
  readStdin?(): Promise<string>;
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: readCliEnv(),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    async prompt(question) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    async promptHidden(question) {
      process.stdout.write(question);
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Echo nothing of what is typed.
      (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
      try {
        return await rl.question("");
      } finally {
        rl.close();
        process.stdout.write("\n");
      }
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

export interface ReadSpecFile {
  name: string;
  content: string;
}

const SPEC_EXTENSIONS = /\.(md|markdown|txt|json)$/i;

/**
 * Reads the given paths; a folder stands for every spec file under it (a story set is uploaded
 * as a folder). Names are relative to the working directory. Bytes are decoded as UTF-8
 * without `fatal`, so an unreadable file reaches the parser as U+FFFD and becomes `bad_encoding`.
 */
export function readSpecPaths(paths: string[], cwd: string): ReadSpecFile[] {
  const files: ReadSpecFile[] = [];
  const decoder = new TextDecoder("utf-8");
  const visit = (absolute: string) => {
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        const child = join(absolute, entry);
        if (statSync(child).isDirectory() || SPEC_EXTENSIONS.test(entry)) visit(child);
      }
      return;
    }
    const name = relative(cwd, absolute).split(sep).join("/");
    files.push({ name, content: decoder.decode(readFileSync(absolute)) });
  };
  for (const path of paths) visit(resolve(cwd, path));
  return files;
}

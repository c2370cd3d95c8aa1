// Shared behaviour of the stand-in CLIs (fake-claude, fake-codex, fake-gemini, fake-aider). Each
// stand-in reads the prompt the way its real CLI does and prints that CLI's documented output format;
// this module does what they have in common. It records what it received under `.fake-agent/` in its
// working directory, so tests can check the prompt, argv, working directory and environment.
//
// FAKE_AGENT_MODE (must be allowlisted to reach the stand-in, which is itself part of the proof):
//   ok (default)  write the item's first expected output and report success
//   fail          print a little output, then fail the way the real CLI does, exit code 3
//   flood         print FAKE_FLOOD_BYTES bytes of noise first, then behave like ok
//   tree          start a sleeping grandchild, record both pids, and never exit
//                 (FAKE_IGNORE_TERM=1: ignore SIGTERM too, so only SIGKILL works)
//   orphan        start a sleeping grandchild, record both pids, then behave like ok and exit,
//                 leaving the grandchild behind
import { spawn } from "node:child_process";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

export function argAfter(flag) {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

/**
 * `cli.succeed({ file, absoluteFile, report })` prints success output; `cli.fail()` prints failure
 * output. Both are provided by the stand-in.
 */
export async function runFake(cli, prompt) {
  const mode = process.env.FAKE_AGENT_MODE ?? "ok";
  const record = path.join(process.cwd(), ".fake-agent");
  mkdirSync(record, { recursive: true });
  writeFileSync(path.join(record, "prompt.txt"), prompt);
  writeFileSync(
    path.join(record, "invocation.json"),
    JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }, null, 2),
  );

  if (mode === "tree") {
    startGrandchild(record);
    process.stdout.write("started a long-running tool\n");
    setInterval(() => {}, 1000);
    return;
  }
  if (mode === "orphan") startGrandchild(record);
  if (mode === "fail") {
    process.stderr.write("fake: something went wrong talking to the model\n");
    cli.fail();
    process.exitCode = 3;
    return;
  }
  if (mode === "flood") flood(Number(process.env.FAKE_FLOOD_BYTES ?? 1_000_000));

  // The first expected output listed in the prompt, as a real agent would pick it.
  const file = /<spec-data field="outputs">\n- (.+)\n/.exec(prompt)?.[1] ?? "output.txt";
  const absoluteFile = path.join(process.cwd(), file);
  mkdirSync(path.dirname(absoluteFile), { recursive: true });
  writeFileSync(absoluteFile, "export const answer = 42;\n");
  const report = `SPECWAVE-REPORT ${JSON.stringify({ done: true, summary: `Implemented ${file}.`, files: [file] })}`;
  cli.succeed({ file, absoluteFile, report });
}

function flood(bytes) {
  const line = `${"noise ".repeat(15)}\n`;
  let written = 0;
  while (written < bytes) {
    process.stdout.write(line);
    written += line.length;
  }
}

/** A grandchild that ignores SIGTERM, as a stuck test runner or dev server might. */
function startGrandchild(record) {
  if (process.env.FAKE_IGNORE_TERM === "1") process.on("SIGTERM", () => {});
  const grandchild = spawn(
    process.execPath,
    ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);"],
    {
      stdio: "ignore",
    },
  );
  // Unreferenced, so a stand-in that finishes can exit and leave it behind, like a real agent would.
  grandchild.unref();
  // Written whole and renamed into place, so a test polling for the file never reads half of it.
  const pids = path.join(record, "pids.json");
  writeFileSync(`${pids}.tmp`, JSON.stringify({ child: process.pid, grandchild: grandchild.pid }));
  renameSync(`${pids}.tmp`, pids);
}

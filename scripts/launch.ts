import { spawn } from "node:child_process";

/**
 * `npm start`'s entry. It runs the supervisor (`scripts/start.ts`: the embedded database, the web
 * and worker processes) in a process group of its own and passes it one stop request.
 *
 * Ctrl-C in a terminal signals the terminal's whole foreground process group. Without this
 * launcher, that signal reached the embedded PostgreSQL, the web and the worker directly, all at
 * the same moment as the supervisor's own orderly stop:
 * - the database shut down while the worker was still recording its steps;
 * - the web and the worker each saw two signals (the terminal's and the supervisor's), and took
 *   the second one as "exit now", skipping their graceful stop.
 *
 * Here only this process hears the terminal. The supervisor gets a single SIGTERM, then stops
 * the web and the worker, and the database last.
 *
 * A second Ctrl-C, pressed more than a second after the first, is passed on: the supervisor then
 * exits at once. Copies of one Ctrl-C relayed by npm and tsx arrive within milliseconds and are
 * dropped. If this process is killed outright, the supervisor sees its channel close and stops
 * everything.
 */
const REPEAT_WINDOW_MS = 1000;

const supervisor = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  detached: true,
  stdio: ["inherit", "inherit", "inherit", "ipc"],
});

let requestedAt: number | undefined;
const requestStop = () => {
  const now = Date.now();
  if (requestedAt !== undefined && now - requestedAt < REPEAT_WINDOW_MS) return;
  requestedAt = now;
  supervisor.kill("SIGTERM");
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, requestStop);

supervisor.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
supervisor.on("error", (error) => {
  process.stderr.write(`specwave: could not start: ${error.message}\n`);
  process.exit(1);
});

import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Killing an agent means killing everything it started. Coding agents spawn shells, test runners,
 * dev servers and language servers; killing only the CLI's pid leaves those running, holding the
 * worktree and the output pipes. The adapter therefore starts each CLI detached, as the leader of
 * its own process group, and signals the whole group: SIGTERM first so tools can clean up, SIGKILL
 * for whatever is still there after the grace period.
 *
 * A process that deliberately leaves the group (setsid, double fork into a new session) escapes;
 * containing that needs cgroups or a container, which is the deployment's job. POSIX only.
 */

const POLL_MS = 50;

/** Groups of agents still running in this process, killed if the process exits under them. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Ties a group's life to this process: when the worker exits (a `process.exit` at shutdown, an
 * uncaught exception), its agents are SIGKILLed instead of running on, orphaned, in their worktrees.
 * A worker killed with SIGKILL cannot do this; the reconciler's retry then meets a busy worktree.
 * Returns the function that forgets the group once it has been dealt with.
 */
export function trackProcessGroup(pgid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      // Only synchronous work is possible here; SIGKILL needs no waiting.
      for (const group of liveGroups) signalGroup(group, "SIGKILL");
    });
  }
  liveGroups.add(pgid);
  return () => liveGroups.delete(pgid);
}

export type KillOutcome = "already-gone" | "terminated" | "killed";

export async function killProcessGroup(pgid: number, graceMs: number): Promise<KillOutcome> {
  if (!isGroupAlive(pgid)) return "already-gone";
  signalGroup(pgid, "SIGTERM");
  if (await waitForGroupExit(pgid, graceMs)) return "terminated";
  signalGroup(pgid, "SIGKILL");
  // SIGKILL cannot be ignored; the wait only covers the kernel tearing the processes down.
  await waitForGroupExit(pgid, 2_000);
  return "killed";
}

export async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isGroupAlive(pgid)) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    // ESRCH: the group emptied between the check and the signal, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/**
 * Whether any live process is left in the group. A zombie (exited, not yet reaped) counts as gone:
 * orphans are reparented to PID 1, and in a container PID 1 may never reap them.
 */
export function isGroupAlive(pgid: number): boolean {
  if (process.platform === "linux") return liveGroupMembers(pgid).length > 0;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether `pid` is a live (non-zombie) process. Used by tests to check a grandchild is gone. */
export function isProcessAlive(pid: number): boolean {
  if (process.platform === "linux") {
    const stat = readStat(pid);
    return stat !== undefined && stat.state !== "Z" && stat.state !== "X";
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function liveGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat !== undefined && stat.pgrp === pgid && stat.state !== "Z" && stat.state !== "X")
      members.push(pid);
  }
  return members;
}

function readStat(pid: number): { state: string; pgrp: number } | undefined {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may itself contain spaces or parentheses.
  const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const pgrp = Number(fields[2]);
  return state === undefined ? undefined : { state, pgrp };
}

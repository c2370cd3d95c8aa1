import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { isGroupAlive, isProcessAlive, killProcessGroup, waitForGroupExit } from "./process-tree";

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
});

/** A detached group leader running `script`; resolves once it has printed "ready". */
async function group(script: string): Promise<number> {
  const child = spawn(
    process.execPath,
    ["-e", `${script}; console.log("ready"); setInterval(() => {}, 1000);`],
    {
      detached: true,
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  if (child.pid === undefined) throw new Error("spawn failed");
  started.push(child.pid);
  child.on("exit", () => {}); // reaped by Node, so the leader does not linger as a zombie
  await once(child.stdout, "data");
  return child.pid;
}

describe("killProcessGroup", () => {
  it("stops a group that honours SIGTERM without escalating", async () => {
    const pgid = await group("process.on('SIGTERM', () => process.exit(0))");
    expect(await killProcessGroup(pgid, 5_000)).toBe("terminated");
    expect(isGroupAlive(pgid)).toBe(false);
  });

  it("escalates to SIGKILL when the group ignores SIGTERM", async () => {
    const pgid = await group("process.on('SIGTERM', () => {})");
    expect(await killProcessGroup(pgid, 300)).toBe("killed");
    expect(isProcessAlive(pgid)).toBe(false);
  });

  it("says when there was nothing left to kill", async () => {
    const pgid = await group("");
    process.kill(-pgid, "SIGKILL");
    expect(await waitForGroupExit(pgid, 2_000)).toBe(true);
    expect(await killProcessGroup(pgid, 300)).toBe("already-gone");
  });
});

import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWorkspaceError } from "./errors";
import { createFileRepoLock } from "./file-repo-lock";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "specwave-filelock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** What a process that died while holding `key` leaves behind. */
async function abandonedLock(key: string, ageMs: number): Promise<string> {
  const lockDir = path.join(dir, createHash("sha256").update(key).digest("hex").slice(0, 32));
  await mkdir(lockDir);
  const then = new Date(Date.now() - ageMs);
  await utimes(lockDir, then, then);
  return lockDir;
}

describe("createFileRepoLock", () => {
  it("excludes holders of the same key across separate lock instances (as in separate processes)", async () => {
    const a = createFileRepoLock({ dir, pollMs: 5 });
    const b = createFileRepoLock({ dir, pollMs: 5 });
    let inside = 0;
    let maxInside = 0;
    const job = (lock: typeof a) =>
      lock.withLock("/repo/.git", async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await tick();
        inside--;
      });
    await Promise.all([job(a), job(b), job(a), job(b)]);
    expect(maxInside).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes over a lock left by a dead holder once it is stale", async () => {
    await abandonedLock("/stale/.git", 60_000);
    const lock = createFileRepoLock({ dir, staleMs: 1_000, pollMs: 5, timeoutMs: 500 });
    await expect(lock.withLock("/stale/.git", async () => "taken over")).resolves.toBe("taken over");
    expect(await readdir(dir)).toEqual([]);
  });

  it("waits for a fresh lock and gives up with lock_timeout while it stays held", async () => {
    const lockDir = await abandonedLock("/busy/.git", 0);
    const waiter = createFileRepoLock({ dir, staleMs: 10_000, pollMs: 5, timeoutMs: 60 });
    const error = await waiter
      .withLock("/busy/.git", async () => "got it")
      .catch((caught: unknown) => caught);
    expect(isWorkspaceError(error, "lock_timeout")).toBe(true);
    await rm(lockDir, { recursive: true });
    await expect(waiter.withLock("/busy/.git", async () => "got it")).resolves.toBe("got it");
  });

  it("keeps a long-held lock fresh so waiters do not take it over", async () => {
    // Held for 2.5 stale periods: without the heartbeat the waiter would take it over.
    const holder = createFileRepoLock({ dir, staleMs: 1_000 });
    const waiter = createFileRepoLock({ dir, staleMs: 1_000, pollMs: 20 });
    const events: string[] = [];
    const held = holder.withLock("/long/.git", async () => {
      events.push("holder in");
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      events.push("holder out");
    });
    await tick();
    await waiter.withLock("/long/.git", async () => {
      events.push("waiter in");
    });
    await held;
    expect(events).toEqual(["holder in", "holder out", "waiter in"]);
  });
});

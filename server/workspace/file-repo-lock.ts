/**
 * A repository lock that also holds across processes on one machine, for worker processes that
 * share a checkout before the engine plugs in a PostgreSQL advisory lock.
 *
 * The lock is a folder (mkdir is atomic) named by a hash of the key, outside the repository so
 * it can never be committed. The holder refreshes its mtime; a folder left by a process that
 * died stops being refreshed and is taken over after `staleMs`. Takeover is best effort: a
 * holder frozen longer than `staleMs` (e.g. a stopped debugger) can lose its lock.
 */
import { createHash } from "node:crypto";
import { mkdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { WorkspaceError } from "./errors";
import { createInProcessRepoLock, type RepoLock } from "./repo-lock";

export interface FileRepoLockOptions {
  /** Where lock folders live. Default `<os tmpdir>/specwave-repo-locks`; must be shared by the processes. */
  dir?: string;
  /** A lock not refreshed for this long belongs to a dead process. Default 30 s. */
  staleMs?: number;
  /** How often a waiter looks again. Default 25 ms (with jitter). */
  pollMs?: number;
  /** Give up waiting after this long with `lock_timeout`. Default 10 min. */
  timeoutMs?: number;
}

export function createFileRepoLock(options: FileRepoLockOptions = {}): RepoLock {
  const dir = options.dir ?? path.join(os.tmpdir(), "specwave-repo-locks");
  const staleMs = options.staleMs ?? 30_000;
  const pollMs = options.pollMs ?? 25;
  const timeoutMs = options.timeoutMs ?? 600_000;
  // Callers in this process queue in memory; only one of them at a time polls the disk.
  const local = createInProcessRepoLock();

  async function acquire(key: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const lockDir = path.join(dir, createHash("sha256").update(key).digest("hex").slice(0, 32));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await mkdir(lockDir);
        // For a person looking at a stuck lock: who holds it, for what.
        await writeFile(
          path.join(lockDir, "owner.json"),
          JSON.stringify({ pid: process.pid, host: os.hostname(), key }),
        );
        return lockDir;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const age = await stat(lockDir).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > staleMs) {
        // Rename first: of several waiters that saw it stale, exactly one wins the rename.
        const grave = `${lockDir}.stale-${process.pid}-${Date.now()}`;
        if (
          await rename(lockDir, grave).then(
            () => true,
            () => false,
          )
        )
          await rm(grave, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new WorkspaceError(
          "lock_timeout",
          `repository lock for ${key} still held after ${timeoutMs} ms`,
          {
            path: lockDir,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs / 2 + Math.random() * pollMs));
    }
  }

  return {
    withLock: (key, fn) =>
      local.withLock(key, async () => {
        const lockDir = await acquire(key);
        const heartbeat = setInterval(
          () => {
            const now = new Date();
            utimes(lockDir, now, now).catch(() => undefined);
          },
          Math.max(10, staleMs / 3),
        );
        heartbeat.unref();
        try {
          return await fn();
        } finally {
          clearInterval(heartbeat);
          await rm(lockDir, { recursive: true, force: true });
        }
      }),
  };
}

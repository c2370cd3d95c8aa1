/**
 * Serialises the operations that change a repository's shared state (refs, worktree metadata,
 * the run branch's worktree). Git's own lock files make a second writer fail rather than wait,
 * so without this, parallel items would fail at random on `index.lock` / `cannot lock ref`.
 *
 * The interface is tiny on purpose: the engine can plug in a PostgreSQL advisory lock (keyed by
 * the same string) to serialise across worker processes. The default only covers one process;
 * across processes the git runner's retry-with-backoff is the remaining safety net.
 */

export interface RepoLock {
  /** Runs `fn` while holding the lock named `key`; releases it whether `fn` resolves or throws. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** A FIFO mutex per key, for callers within one Node process. */
export function createInProcessRepoLock(): RepoLock {
  // The tail of each key's queue. A waiter chains on the previous tail, so order is FIFO.
  const tails = new Map<string, Promise<void>>();

  return {
    async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      await previous;
      try {
        return await fn();
      } finally {
        release();
        // Drop the entry when nobody queued behind us, so keys of finished runs do not pile up.
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}

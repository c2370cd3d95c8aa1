/**
 * Hands the latest output of a running step to `write` at most once per `intervalMs`, and only
 * when it changed: an agent printing thousands of lines a second costs one write a second.
 * Writes never overlap; `stop` waits for the one in flight, so nothing is written after it.
 */
export interface OutputFlusher {
  update(output: string): void;
  stop(): Promise<void>;
}

export function createOutputFlusher(
  write: (output: string) => Promise<void>,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): OutputFlusher {
  let latest = "";
  let written = "";
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = false;

  const flush = () => {
    timer = undefined;
    if (stopped || inFlight || latest === written) return;
    const output = latest;
    lastWriteAt = Date.now();
    inFlight = write(output)
      .then(() => {
        written = output;
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight = undefined;
        // Output that arrived during the write goes out on the next beat.
        if (latest !== written) schedule();
      });
  };

  const schedule = () => {
    if (stopped || timer || inFlight) return;
    timer = setTimeout(flush, Math.max(0, lastWriteAt + options.intervalMs - Date.now()));
  };

  return {
    update(output) {
      latest = output;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}

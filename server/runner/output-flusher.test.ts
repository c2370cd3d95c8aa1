import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOutputFlusher } from "./output-flusher";

describe("createOutputFlusher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the first output at once, then at most once a second, the latest output each time", async () => {
    const writes: string[] = [];
    const flusher = createOutputFlusher(async (output) => void writes.push(output), { intervalMs: 1000 });
    flusher.update("a");
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(["a"]);
    flusher.update("ab");
    flusher.update("abc");
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toEqual(["a"]);
    await vi.advanceTimersByTimeAsync(500);
    expect(writes).toEqual(["a", "abc"]);
    // Nothing new: nothing written.
    await vi.advanceTimersByTimeAsync(5000);
    expect(writes).toEqual(["a", "abc"]);
    await flusher.stop();
  });

  it("never overlaps writes, and writes nothing after stop", async () => {
    const writes: string[] = [];
    let release: () => void = () => undefined;
    const flusher = createOutputFlusher(
      (output) => {
        writes.push(output);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { intervalMs: 1000 },
    );
    flusher.update("one");
    await vi.advanceTimersByTimeAsync(0);
    flusher.update("one two");
    await vi.advanceTimersByTimeAsync(3000);
    expect(writes).toEqual(["one"]);
    const stopped = flusher.stop();
    release();
    await stopped;
    flusher.update("one two three");
    await vi.advanceTimersByTimeAsync(3000);
    expect(writes).toEqual(["one"]);
  });

  it("reports a failed write and carries on", async () => {
    const errors: unknown[] = [];
    let fail = true;
    const writes: string[] = [];
    const flusher = createOutputFlusher(
      async (output) => {
        if (fail) {
          fail = false;
          throw new Error("database away");
        }
        writes.push(output);
      },
      { intervalMs: 1000, onError: (error) => errors.push(error) },
    );
    flusher.update("x");
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual(["x"]);
    await flusher.stop();
  });
});

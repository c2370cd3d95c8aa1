import { StringDecoder } from "node:string_decoder";

/**
 * Bounded handling of an agent's output. A coding agent can print megabytes (a verbose stream-json
 * run, a test suite gone wild), and all of it would otherwise land in the step's log, in memory and
 * in the database. So: the first `streamCapBytes` go to the log live; past that, output is dropped
 * except for a rolling tail that is appended, with a note of how much was dropped, when the agent exits.
 */

export interface OutputCaptureOptions {
  /** Bytes forwarded live to `onOutput` before streaming pauses. */
  streamCapBytes: number;
  /** Bytes kept from the end of the output, for `outputTail` and for the log after the cap. */
  tailBytes: number;
  /** Bytes of stdout kept (the last ones) for the preset's parser. */
  parseBufferBytes: number;
  onOutput: (chunk: string) => void;
}

export class OutputCapture {
  private streamedBytes = 0;
  private capped = false;
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  /** The combined output's tail, for `outputTail`. */
  private readonly tail: ByteTail;
  /** The combined output after the cap, appended to the log at the end. */
  private readonly afterCap: ByteTail;
  private readonly stdout: ByteTail;

  constructor(private readonly options: OutputCaptureOptions) {
    this.tail = new ByteTail(options.tailBytes);
    this.afterCap = new ByteTail(options.tailBytes);
    this.stdout = new ByteTail(options.parseBufferBytes);
  }

  write(source: "stdout" | "stderr", chunk: Buffer): void {
    this.tail.push(chunk);
    if (source === "stdout") this.stdout.push(chunk);
    if (!this.capped && this.streamedBytes + chunk.length <= this.options.streamCapBytes) {
      this.streamedBytes += chunk.length;
      const text = this.decoders[source].write(chunk);
      if (text !== "") this.emit(text);
      return;
    }
    if (!this.capped) {
      this.capped = true;
      this.emit(
        `\n[specwave] output passed the ${this.options.streamCapBytes}-byte log cap; ` +
          "live output is paused and its tail follows when the agent exits\n",
      );
    }
    this.afterCap.push(chunk);
  }

  /** Appends the kept tail to the log. Call once, after the process's streams have ended. */
  finish(): void {
    if (!this.capped) {
      for (const decoder of Object.values(this.decoders)) {
        const rest = decoder.end();
        if (rest !== "") this.emit(rest);
      }
      return;
    }
    const dropped = this.afterCap.droppedBytes;
    this.emit(
      dropped > 0
        ? `\n[specwave] ${dropped} bytes of output dropped; the last ${this.afterCap.size} bytes follow\n`
        : "\n[specwave] output after the cap follows\n",
    );
    this.emit(this.afterCap.text());
  }

  /** Bytes that never reached the log. */
  get droppedBytes(): number {
    return this.afterCap.droppedBytes;
  }

  outputTail(): string {
    return this.tail.text();
  }

  /** Stdout for the parser; when the start was dropped, the first (partial) line is removed too. */
  stdoutText(): string {
    const text = this.stdout.text();
    if (this.stdout.droppedBytes === 0) return text;
    const newline = text.indexOf("\n");
    return newline === -1 ? "" : text.slice(newline + 1);
  }

  private emit(text: string): void {
    try {
      this.options.onOutput(text);
    } catch {
      // The log sink failing must not kill the agent run; the result still carries the tail.
    }
  }
}

/** The last `limit` bytes pushed into it, and how many earlier bytes it let go. */
export class ByteTail {
  private chunks: Buffer[] = [];
  size = 0;
  droppedBytes = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit) {
      const first = this.chunks[0];
      if (first === undefined) break;
      const excess = this.size - this.limit;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
        this.droppedBytes += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
        this.droppedBytes += excess;
      }
    }
  }

  text(): string {
    const buffer = Buffer.concat(this.chunks);
    // A cut can land inside a multi-byte character: skip its continuation bytes rather than show U+FFFD.
    let start = 0;
    while (this.droppedBytes > 0 && start < buffer.length && ((buffer[start] ?? 0) & 0xc0) === 0x80) start++;
    return buffer.subarray(start).toString("utf8");
  }
}

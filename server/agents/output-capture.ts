import { StringDecoder } from "node:string_decoder";

/**
 * Bounded handling of an agent's output. A coding agent can print megabytes (a verbose stream-json
 * run, a test suite gone wild), and all of it would otherwise land in the step's log, in memory and
 * in the database. So: the first `streamCapBytes` go to the log live; past that, output is dropped
 * except for a rolling tail that is appended, with a note of how much was dropped, when the agent exits.
 */

/** Characters of an unfinished stdout line held back for formatting. */
const MAX_PENDING_LINE = 1024 * 1024;

export interface OutputCaptureOptions {
  /** Bytes forwarded live to `onOutput` before streaming pauses. */
  streamCapBytes: number;
  /** Bytes kept from the end of the output, for `outputTail` and for the log after the cap. */
  tailBytes: number;
  /** Bytes of stdout (raw, the last ones) kept for the preset's parser. */
  parseBufferBytes: number;
  onOutput: (chunk: string) => void;
  /**
   * Rewrites each complete stdout line for the log (undefined drops it), e.g. JSON events into
   * readable text. The parser always gets the raw stdout.
   */
  formatStdoutLine?: (line: string) => string | undefined;
}

export class OutputCapture {
  private streamedBytes = 0;
  private capped = false;
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  /** A stdout line still waiting for its newline, when lines are formatted. */
  private pendingLine = "";
  /** The log's tail, for `outputTail`. */
  private readonly tail: ByteTail;
  /** The log after the cap, appended at the end. */
  private readonly afterCap: ByteTail;
  private readonly stdout: ByteTail;

  constructor(private readonly options: OutputCaptureOptions) {
    this.tail = new ByteTail(options.tailBytes);
    this.afterCap = new ByteTail(options.tailBytes);
    this.stdout = new ByteTail(options.parseBufferBytes);
  }

  write(source: "stdout" | "stderr", chunk: Buffer): void {
    if (source === "stdout") this.stdout.push(chunk);
    const text = this.decoders[source].write(chunk);
    this.forward(source === "stdout" ? this.formatLines(text) : text);
  }

  /** Flushes what is buffered and appends the kept tail to the log. Call once, after the streams end. */
  finish(): void {
    this.forward(this.formatLines(this.decoders.stdout.end(), true));
    this.forward(this.decoders.stderr.end());
    if (!this.capped) return;
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

  private formatLines(text: string, final = false): string {
    const format = this.options.formatStdoutLine;
    if (format === undefined) return text;
    const lines = (this.pendingLine + text).split("\n");
    this.pendingLine = final ? "" : (lines.pop() ?? "");
    if (this.pendingLine.length > MAX_PENDING_LINE) {
      // A line this long is no event worth formatting; show it as it comes rather than hold it.
      lines.push(this.pendingLine);
      this.pendingLine = "";
    }
    let formatted = "";
    for (const [index, line] of lines.entries()) {
      if (final && index === lines.length - 1 && line === "") continue;
      const shown = format(line);
      if (shown !== undefined) formatted += `${shown}\n`;
    }
    return formatted;
  }

  private forward(text: string): void {
    if (text === "") return;
    const bytes = Buffer.from(text);
    this.tail.push(bytes);
    if (!this.capped && this.streamedBytes + bytes.length <= this.options.streamCapBytes) {
      this.streamedBytes += bytes.length;
      this.emit(text);
      return;
    }
    if (!this.capped) {
      this.capped = true;
      this.emit(
        `\n[specwave] output passed the ${this.options.streamCapBytes}-byte log cap; ` +
          "live output is paused and its tail follows when the agent exits\n",
      );
    }
    this.afterCap.push(bytes);
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

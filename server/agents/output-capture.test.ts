import { describe, expect, it } from "vitest";
import { ByteTail, OutputCapture } from "./output-capture";

function capture(streamCapBytes: number, tailBytes: number, parseBufferBytes = 1024) {
  const log: string[] = [];
  const output = new OutputCapture({
    streamCapBytes,
    tailBytes,
    parseBufferBytes,
    onOutput: (c) => log.push(c),
  });
  return { output, log };
}

describe("OutputCapture", () => {
  it("streams everything under the cap, decoding characters split across chunks", () => {
    const { output, log } = capture(100, 50);
    const bytes = Buffer.from("héllo wörld\n");
    output.write("stdout", bytes.subarray(0, 2));
    output.write("stdout", bytes.subarray(2));
    output.write("stderr", Buffer.from("warn\n"));
    output.finish();
    expect(log.join("")).toBe("héllo wörld\nwarn\n");
    expect(output.droppedBytes).toBe(0);
    expect(output.stdoutText()).toBe("héllo wörld\n");
  });

  it("keeps the head and the tail and says how much was dropped", () => {
    const { output, log } = capture(10, 8);
    for (let line = 0; line < 10; line++) output.write("stdout", Buffer.from(`line-${line}\n`));
    output.finish();
    const text = log.join("");
    expect(text.startsWith("line-0\n")).toBe(true);
    expect(text).toContain("[specwave] output passed the 10-byte log cap");
    expect(text).toContain("[specwave] 55 bytes of output dropped; the last 8 bytes follow\n");
    expect(text.endsWith("\nline-9\n")).toBe(true);
    expect(output.droppedBytes).toBe(55);
    expect(output.outputTail()).toBe("\nline-9\n");
  });

  it("drops the partial first line of a cut stdout buffer, for the parser", () => {
    const { output } = capture(1000, 100, 12);
    output.write("stdout", Buffer.from('{"a":1}\n{"b":2}\n'));
    expect(output.stdoutText()).toBe('{"b":2}\n');
  });

  it("survives a log sink that throws", () => {
    const output = new OutputCapture({
      streamCapBytes: 10,
      tailBytes: 10,
      parseBufferBytes: 10,
      onOutput: () => {
        throw new Error("log down");
      },
    });
    output.write("stdout", Buffer.from("x\n"));
    output.finish();
    expect(output.outputTail()).toBe("x\n");
  });
});

describe("ByteTail", () => {
  it("never starts its text in the middle of a character", () => {
    const tail = new ByteTail(5);
    tail.push(Buffer.from("aaé€")); // a a (c3 a9) (e2 82 ac): 7 bytes, keeps the last 5
    expect(tail.droppedBytes).toBe(2);
    expect(tail.text()).toBe("é€");
    tail.push(Buffer.from("b"));
    expect(tail.text()).toBe("€b");
  });
});

describe("OutputCapture with a line formatter", () => {
  it("formats whole stdout lines across chunks, leaves stderr alone and gives the parser raw stdout", () => {
    const log: string[] = [];
    const output = new OutputCapture({
      streamCapBytes: 1000,
      tailBytes: 1000,
      parseBufferBytes: 1000,
      onOutput: (chunk) => log.push(chunk),
      formatStdoutLine: (line) => (line === "skip" ? undefined : line.toUpperCase()),
    });
    output.write("stdout", Buffer.from("one\ntw"));
    output.write("stderr", Buffer.from("err\n"));
    output.write("stdout", Buffer.from("o\nskip\nthree"));
    output.finish();
    expect(log.join("")).toBe("ONE\nerr\nTWO\nTHREE\n");
    expect(output.stdoutText()).toBe("one\ntwo\nskip\nthree");
    expect(output.outputTail()).toBe("ONE\nerr\nTWO\nTHREE\n");
  });
});

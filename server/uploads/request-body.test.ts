import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { readSpecUpload, UploadTooLargeError } from "./index";
import { readBodyWithinLimit } from "./request-body";
import { refusalOf } from "./zip-fixtures";

const MiB = 1024 * 1024;

/** A body that would produce `totalBytes` in 1 MiB chunks, and says how much it actually produced. */
function meteredBody(totalBytes: number) {
  const meter = { produced: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (meter.produced >= totalBytes) {
          controller.close();
          return;
        }
        const chunk = new Uint8Array(Math.min(MiB, totalBytes - meter.produced)).fill(0x20);
        meter.produced += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        meter.cancelled = true;
      },
    },
    // Nothing is produced until someone reads.
    { highWaterMark: 0 },
  );
  return { stream, meter };
}

function streamedRequest(body: ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  // `duplex` is required by Node for a streamed body but missing from the DOM typings.
  return new Request("http://specwave.test/api/v1/specs", {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);
}

describe("readSpecUpload: the request size limit", () => {
  it("refuses a 100 MB upload from its Content-Length without reading a byte", async () => {
    const { stream, meter } = meteredBody(100 * MiB);
    const request = streamedRequest(stream, {
      "content-type": "multipart/form-data; boundary=x",
      "content-length": String(100 * MiB),
    });

    const error = await refusalOf(readSpecUpload(request));

    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "too_large",
      status: 413,
      message: "The upload is 104,857,600 bytes; the limit is 10 MiB.",
      details: { limit: 10 * MiB },
    });
    expect(meter.produced).toBe(0);
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading a 100 MB streamed upload without Content-Length just past 10 MiB", async () => {
    const { stream, meter } = meteredBody(100 * MiB);
    const request = streamedRequest(stream, { "content-type": "application/json" });
    expect(request.headers.get("content-length")).toBeNull();

    const error = await refusalOf(readSpecUpload(request));

    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect(error).toMatchObject({
      code: "too_large",
      status: 413,
      message: "The upload is larger than 10 MiB, the limit for one upload; send fewer or smaller files.",
    });
    // One chunk past the limit at most: the other ~89 MiB were never produced.
    expect(meter.produced).toBeLessThanOrEqual(11 * MiB);
    expect(meter.cancelled).toBe(true);
  });

  it("counts the bytes even when Content-Length claims a small body", async () => {
    const { stream, meter } = meteredBody(100 * MiB);
    const request = streamedRequest(stream, { "content-type": "application/json", "content-length": "100" });

    const error = await refusalOf(readSpecUpload(request));

    expect(error).toMatchObject({ status: 413 });
    expect(meter.produced).toBeLessThanOrEqual(11 * MiB);
  });

  it("applies the limit it is given", async () => {
    const { stream } = meteredBody(5000);
    const error = await refusalOf(readBodyWithinLimit(streamedRequest(stream, {}), 4096));
    expect(error).toMatchObject({
      status: 413,
      message: "The upload is larger than 4 KiB, the limit for one upload; send fewer or smaller files.",
    });
  });

  it("reads a body within the limit whole, across chunks", async () => {
    const { stream, meter } = meteredBody(3 * MiB + 17);
    const bytes = await readBodyWithinLimit(streamedRequest(stream, {}), 10 * MiB);
    expect(bytes.byteLength).toBe(3 * MiB + 17);
    expect(bytes.every((byte) => byte === 0x20)).toBe(true);
    expect(meter.cancelled).toBe(false);
  });

  it("accepts a body of exactly the limit", async () => {
    const { stream } = meteredBody(4096);
    const request = streamedRequest(stream, { "content-length": "4096" });
    expect((await readBodyWithinLimit(request, 4096)).byteLength).toBe(4096);
  });

  it("refuses a request without a body", async () => {
    const error = await refusalOf(
      readSpecUpload(
        new Request("http://specwave.test/api/v1/specs", {
          method: "POST",
          headers: { "content-type": "application/json" },
        }),
      ),
    );
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message: "The request has no body; send the spec files in it.",
    });
  });
});

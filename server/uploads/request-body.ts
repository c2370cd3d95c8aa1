import { badUpload, UploadTooLargeError } from "./errors";
import { formatBytes, formatCount } from "./limits";

/**
 * Reads a request body, never holding more than `maxBytes` of it. A declared Content-Length over
 * the limit is refused before a byte is read; a body without one (chunked) or one that lies is
 * counted as it streams and the stream is cancelled as soon as it passes the limit.
 */
export async function readBodyWithinLimit(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = declaredLength(request);
  if (declared !== null && declared > maxBytes) {
    throw new UploadTooLargeError(
      `The upload is ${formatCount(declared)} bytes; the limit is ${formatBytes(maxBytes)}.`,
      { limit: maxBytes },
    );
  }
  if (request.bodyUsed) throw new Error("readBodyWithinLimit: the request body was already read.");
  if (request.body === null) {
    throw badUpload("The request has no body; send the spec files in it.");
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Cancelling tells the sender (through the server) to stop; the rest is never read.
      await reader.cancel("upload over the size limit").catch(() => undefined);
      throw new UploadTooLargeError(
        `The upload is larger than ${formatBytes(maxBytes)}, the limit for one upload; send fewer or smaller files.`,
        { limit: maxBytes },
      );
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}

/** The Content-Length header as a number, or null when it is missing or not a plain count. */
function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

function concatBytes(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

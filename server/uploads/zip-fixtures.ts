/**
 * Test support: real zip archives built in memory with yazl, and the byte surgery needed for
 * archives no honest tool writes (names with "..", lying sizes). Imported by tests only.
 */
import yazl from "yazl";

export interface FixtureEntry {
  name: string;
  content?: string | Buffer;
  /** A directory entry ("stories/") instead of a file. */
  directory?: boolean;
  /** Unix st_mode, stored in the high bits of the external attributes (0o120777 is a link). */
  mode?: number;
  /** 0 stores the entry uncompressed; 9 squeezes a bomb as small as it goes. */
  compressionLevel?: number;
}

export async function buildZip(entries: FixtureEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.directory) {
      zip.addEmptyDirectory(entry.name);
      continue;
    }
    const content =
      typeof entry.content === "string" ? Buffer.from(entry.content) : (entry.content ?? Buffer.alloc(0));
    zip.addBuffer(content, entry.name, {
      ...(entry.mode === undefined ? {} : { mode: entry.mode }),
      ...(entry.compressionLevel === undefined ? {} : { compressionLevel: entry.compressionLevel }),
    });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Renames an entry in place (local header and central directory alike). yazl refuses unsafe
 * names, so a test builds the archive with a harmless placeholder of the same byte length.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  const fromBytes = Buffer.from(from, "utf8");
  const toBytes = Buffer.from(to, "utf8");
  if (fromBytes.length !== toBytes.length)
    throw new Error("renameEntry: names must have the same byte length");
  const patched = Buffer.from(zip);
  let found = 0;
  for (let at = patched.indexOf(fromBytes); at !== -1; at = patched.indexOf(fromBytes, at + 1)) {
    toBytes.copy(patched, at);
    found++;
  }
  if (found === 0) throw new Error(`renameEntry: ${from} is not in the archive`);
  return patched;
}

const CENTRAL_DIRECTORY_SIGNATURE = 0x02014b50;

/** Overwrites the uncompressed size the central directory declares for an entry (what yauzl reads). */
export function declareUncompressedSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  const at = centralDirectoryRecord(patched, name);
  patched.writeUInt32LE(size, at + 24);
  return patched;
}

function centralDirectoryRecord(zip: Buffer, name: string): number {
  const wanted = Buffer.from(name, "utf8");
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_SIGNATURE) continue;
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + nameLength).equals(wanted)) return at;
  }
  throw new Error(`declareUncompressedSize: no central directory record for ${name}`);
}

/** A multipart request as a browser sends a folder upload: one `file` part per file. */
export function multipartRequest(
  parts: { name: string; content: string | Buffer }[],
  fields: Record<string, string> = {},
): Request {
  const form = new FormData();
  for (const part of parts) {
    const content = typeof part.content === "string" ? Buffer.from(part.content) : part.content;
    form.append("file", new Blob([new Uint8Array(content)]), part.name);
  }
  for (const [field, value] of Object.entries(fields)) form.append(field, value);
  return new Request("http://specwave.test/api/v1/specs", { method: "POST", body: form });
}

export function jsonRequest(body: unknown): Request {
  return new Request("http://specwave.test/api/v1/specs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The error a refused upload threw; fails when the upload was accepted. */
export async function refusalOf(upload: Promise<unknown>): Promise<unknown> {
  try {
    await upload;
  } catch (error) {
    return error;
  }
  throw new Error("the upload was accepted, but it should have been refused");
}

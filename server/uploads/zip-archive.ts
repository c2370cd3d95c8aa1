import yauzl, { type Entry, type ZipFile } from "yauzl";
import { isAppError } from "../errors/app-error";
import { badUpload, UploadTooLargeError } from "./errors";
import { formatCount, RATIO_FLOOR_BYTES, type UploadLimits } from "./limits";
import { describeUnsafePath, folderOf, joinPath, judgeUploadPath } from "./paths";
import {
  describeOrigin,
  type FileOrigin,
  fileTooLarge,
  originDetails,
  type SpecFileCollector,
  uploadTooLarge,
} from "./spec-files";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const; // "PK\x03\x04", a local file header

/** A part is a zip when its name says so or its first bytes do (a zip renamed to .md is still a zip). */
export function isZip(name: string, bytes: Uint8Array): boolean {
  return name.toLowerCase().endsWith(".zip") || startsWithZipMagic(bytes);
}

export function startsWithZipMagic(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/** Unix file type from the high 16 bits of the external attributes (zip tools on Unix put st_mode there). */
function unixFileType(entry: Entry): number {
  return (entry.externalFileAttributes >>> 16) & S_IFMT;
}

const STORED = 0;
const DEFLATED = 8;

/** How far an entry, its archive and the whole upload have expanded so far. */
export interface ExpansionCounts {
  entryBytes: number;
  entryCompressedBytes: number;
  archiveExpandedBytes: number;
  archiveBytes: number;
  uploadExpandedBytes: number;
}

export type ExpansionProblem = "entry_ratio" | "entry_size" | "archive_ratio" | "upload_size";

/**
 * Judges expansion counts against the limits. Called once with the sizes the central directory
 * declares and again after every inflated chunk with the bytes actually produced, because a
 * crafted archive can declare 100 bytes and inflate to gigabytes.
 */
export function findExpansionProblem(counts: ExpansionCounts, limits: UploadLimits): ExpansionProblem | null {
  if (exceedsRatio(counts.entryBytes, counts.entryCompressedBytes, limits.maxRatio)) return "entry_ratio";
  if (counts.entryBytes > limits.maxFileBytes) return "entry_size";
  if (exceedsRatio(counts.archiveExpandedBytes, counts.archiveBytes, limits.maxRatio)) return "archive_ratio";
  if (counts.uploadExpandedBytes > limits.maxExpandedBytes) return "upload_size";
  return null;
}

function exceedsRatio(expanded: number, compressed: number, maxRatio: number): boolean {
  return expanded > RATIO_FLOOR_BYTES && expanded > compressed * maxRatio;
}

function expansionError(
  problem: ExpansionProblem,
  origin: FileOrigin,
  limits: UploadLimits,
): UploadTooLargeError {
  switch (problem) {
    case "entry_ratio":
      return new UploadTooLargeError(
        `${describeOrigin(origin)} expands more than ${limits.maxRatio} times its compressed size (possible zip bomb); upload refused.`,
        { ...originDetails(origin), limit: limits.maxRatio },
      );
    case "archive_ratio":
      return new UploadTooLargeError(
        `${origin.file}: expands more than ${limits.maxRatio} times its size (possible zip bomb); upload refused.`,
        { file: origin.file, limit: limits.maxRatio },
      );
    case "entry_size":
      return fileTooLarge(origin, limits);
    case "upload_size":
      return uploadTooLarge(origin, limits);
  }
}

/**
 * Reads a stream of inflated bytes, calling `check` with the running total after each chunk; when
 * `check` throws, reading stops there and the stream is destroyed (leaving the loop does that), so
 * no more than one chunk past a limit is ever inflated.
 */
export async function readWithinLimits(
  stream: AsyncIterable<Uint8Array>,
  check: (bytesSoFar: number) => void,
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    check(total);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export interface ZipPart {
  /** The archive's path in the upload, already judged safe. */
  path: string;
  bytes: Uint8Array;
}

/**
 * Expands a zip into the collector. Entries land next to the archive ("sets/a.zip" holding
 * "US-1.md" gives "sets/US-1.md"). Any unsafe entry refuses the whole upload.
 */
export async function expandZip(
  part: ZipPart,
  collector: SpecFileCollector,
  limits: UploadLimits,
): Promise<void> {
  const zip = await openZip(part);
  const folder = folderOf(part.path);
  let archiveExpandedBytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const path = acceptedPath(entry, part.path);
      if (path === null) continue;
      const origin: FileOrigin = { file: part.path, entry: path };
      collector.ensureRoomForFile(origin);
      const countsAt = (entryBytes: number): ExpansionCounts => ({
        entryBytes,
        entryCompressedBytes: entry.compressedSize,
        archiveExpandedBytes: archiveExpandedBytes + entryBytes,
        archiveBytes: part.bytes.byteLength,
        uploadExpandedBytes: collector.expandedBytes + entryBytes,
      });
      const refuseIfOver = (entryBytes: number): void => {
        const problem = findExpansionProblem(countsAt(entryBytes), limits);
        if (problem) throw expansionError(problem, origin, limits);
      };
      refuseIfOver(entry.uncompressedSize);
      const bytes = await inflateEntry(zip, entry, origin, refuseIfOver);
      if (startsWithZipMagic(bytes)) throw nestedArchive(origin);
      archiveExpandedBytes += bytes.byteLength;
      collector.addBytes(joinPath(folder, path), bytes, origin);
    }
  } catch (error) {
    if (isAppError(error)) throw error;
    throw damagedArchive(part.path, error);
  } finally {
    zip.close();
  }
}

async function openZip(part: ZipPart): Promise<ZipFile> {
  const buffer = Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength);
  try {
    return await yauzl.fromBufferPromise(buffer, {
      // Names are decoded and judged here, so the messages can say what is wrong with them.
      decodeStrings: false,
      // Sizes are checked here against the bytes actually inflated, not only the declared ones.
      validateEntrySizes: false,
    });
  } catch (error) {
    throw badUpload(`${part.path} is not a zip archive Specwave can read (${messageOf(error)}).`, {
      file: part.path,
    });
  }
}

/** The entry's tidied path, or null for an entry to skip; throws for an entry that must refuse the upload. */
function acceptedPath(entry: Entry, archive: string): string | null {
  // Strict: keep backslashes so that "..\x" and "C:\x" are seen for what they are.
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  const origin: FileOrigin = { file: archive, entry: name };
  const verdict = judgeUploadPath(name);
  if (verdict.kind === "unsafe") {
    throw badUpload(
      `${describeOrigin(origin)} ${describeUnsafePath(verdict.reason)}; zip entries must be relative paths inside the archive.`,
      originDetails(origin),
    );
  }
  // A link is refused even where it would be skipped: an archive that carries one was made to
  // reach outside itself once extracted.
  if (unixFileType(entry) === S_IFLNK) {
    throw badUpload(
      `${describeOrigin(origin)} is a symbolic link; links are not accepted in uploads, add the file itself.`,
      originDetails(origin),
    );
  }
  if (verdict.kind === "skip" || unixFileType(entry) === S_IFDIR) return null;
  if (entry.isEncrypted()) {
    throw badUpload(
      `${describeOrigin(origin)} is encrypted; upload an archive made without a password.`,
      originDetails(origin),
    );
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw badUpload(
      `${describeOrigin(origin)} uses compression method ${entry.compressionMethod}, which Specwave cannot read; make the archive with standard (deflate) compression.`,
      originDetails(origin),
    );
  }
  if (verdict.path.toLowerCase().endsWith(".zip")) throw nestedArchive(origin);
  return verdict.path;
}

async function inflateEntry(
  zip: ZipFile,
  entry: Entry,
  origin: FileOrigin,
  refuseIfOver: (entryBytes: number) => void,
): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    bytes = await readWithinLimits(stream, refuseIfOver);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw badUpload(
      `${describeOrigin(origin)} could not be decompressed (${messageOf(error)}); the archive is damaged.`,
      originDetails(origin),
    );
  }
  // Fewer or more bytes than declared means a damaged or crafted archive; neither is a spec.
  if (bytes.byteLength !== entry.uncompressedSize) {
    throw badUpload(
      `${describeOrigin(origin)} holds ${formatCount(bytes.byteLength)} bytes but its header declares ${formatCount(entry.uncompressedSize)}; the archive is damaged or crafted, upload refused.`,
      originDetails(origin),
    );
  }
  return bytes;
}

function nestedArchive(origin: FileOrigin) {
  return badUpload(
    `${describeOrigin(origin)} is itself a zip archive; archives inside archives are not expanded, so add its files instead.`,
    originDetails(origin),
  );
}

function damagedArchive(archive: string, error: unknown) {
  return badUpload(
    `${archive} is a damaged zip archive (${messageOf(error)}); make it again and upload it.`,
    {
      file: archive,
    },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { badUpload, UploadTooLargeError } from "./errors";
import { formatBytes, formatCount, type UploadLimits } from "./limits";

/** One file of the upload, decoded. The spec parser reports undecodable bytes itself. */
export interface UploadedFile {
  name: string;
  content: string;
}

/** Where a file came from, for messages: a file of the upload, or an entry of a zip in it. */
export interface FileOrigin {
  file: string;
  entry?: string;
}

/** `File "a.md"` or `stories.zip: entry "a.md"`: the start of every message about one file. */
export function describeOrigin(origin: FileOrigin): string {
  return origin.entry === undefined
    ? `File ${quoteName(origin.file)}`
    : `${origin.file}: entry ${quoteName(origin.entry)}`;
}

/** Quotes a name for a message, showing control characters instead of printing them. */
export function quoteName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const visible = name.replace(/[\u0000-\u001f\u007f]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${visible}"`;
}

const utf8 = new TextDecoder("utf-8");

/**
 * Gathers the upload's files and keeps the upload-wide limits: how many files, how many bytes in
 * all, and one path per file. Zip expansion asks for room before it inflates an entry, so a zip
 * of ten thousand entries stops at the first one too many.
 */
export class SpecFileCollector {
  private readonly files: UploadedFile[] = [];
  private readonly paths = new Set<string>();
  private bytes = 0;

  constructor(private readonly limits: UploadLimits) {}

  get expandedBytes(): number {
    return this.bytes;
  }

  /** Refuses the upload when one more file would be one too many. */
  ensureRoomForFile(origin: FileOrigin): void {
    if (this.files.length < this.limits.maxFiles) return;
    const count = formatCount(this.limits.maxFiles);
    throw new UploadTooLargeError(
      `${theUpload(origin)} holds more than ${count} files; the limit is ${count} per upload.`,
      { ...originDetails(origin), limit: this.limits.maxFiles },
    );
  }

  /** Adds raw bytes (a multipart part or an inflated zip entry), decoded as UTF-8. */
  addBytes(path: string, bytes: Uint8Array, origin: FileOrigin): void {
    this.add(path, bytes.byteLength, () => utf8.decode(bytes), origin);
  }

  /** Adds text that arrived already decoded (a JSON upload). */
  addText(path: string, content: string, origin: FileOrigin): void {
    this.add(path, Buffer.byteLength(content, "utf8"), () => content, origin);
  }

  /** The files so far, in upload order. */
  list(): UploadedFile[] {
    return [...this.files];
  }

  private add(path: string, byteLength: number, content: () => string, origin: FileOrigin): void {
    this.ensureRoomForFile(origin);
    if (byteLength > this.limits.maxFileBytes) {
      throw fileTooLarge(origin, this.limits);
    }
    if (this.bytes + byteLength > this.limits.maxExpandedBytes) {
      throw uploadTooLarge(origin, this.limits);
    }
    if (this.paths.has(path)) {
      throw badUpload(
        `${describeOrigin(origin)} has the same path as another uploaded file (${quoteName(path)}); every file needs its own path.`,
        originDetails(origin),
      );
    }
    this.paths.add(path);
    this.bytes += byteLength;
    this.files.push({ name: path, content: content() });
  }
}

export function fileTooLarge(origin: FileOrigin, limits: UploadLimits): UploadTooLargeError {
  return new UploadTooLargeError(
    `${describeOrigin(origin)} is larger than ${formatBytes(limits.maxFileBytes)}, the limit for one file; split it into smaller files.`,
    { ...originDetails(origin), limit: limits.maxFileBytes },
  );
}

export function uploadTooLarge(origin: FileOrigin, limits: UploadLimits): UploadTooLargeError {
  return new UploadTooLargeError(
    `${theUpload(origin)} expands to more than ${formatBytes(limits.maxExpandedBytes)}, the limit for all files together; upload fewer files at a time.`,
    { ...originDetails(origin), limit: limits.maxExpandedBytes },
  );
}

/** "The upload", or "stories.zip: the upload" when a zip's entry tipped it over. */
function theUpload(origin: FileOrigin): string {
  return origin.entry === undefined ? "The upload" : `${origin.file}: the upload`;
}

export function originDetails(origin: FileOrigin): { file: string; entry?: string } {
  return origin.entry === undefined ? { file: origin.file } : { file: origin.file, entry: origin.entry };
}

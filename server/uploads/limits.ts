/** How much an upload may hold. Every limit is checked while reading, never after the fact. */
export interface UploadLimits {
  /** Bytes of the request body as sent (a zip counts at its compressed size). */
  maxRequestBytes: number;
  /** Spec files in the upload, after zips are expanded and skipped entries dropped. */
  maxFiles: number;
  /** Bytes of one spec file (a multipart part, a JSON file's content or an inflated zip entry). */
  maxFileBytes: number;
  /** Bytes of all spec files together, after zips are expanded. */
  maxExpandedBytes: number;
  /** How many times its compressed size a zip entry, or a whole zip, may expand to. */
  maxRatio: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = Object.freeze({
  maxRequestBytes: 10 * MiB,
  maxFiles: 500,
  maxFileBytes: 2 * MiB,
  maxExpandedBytes: 50 * MiB,
  maxRatio: 100,
});

/**
 * Below this many expanded bytes the ratio is not judged. Deflate can shrink a few kilobytes of
 * repeated characters (a long Markdown rule, a table of dashes) more than a hundredfold, and a file
 * that small cannot hurt anyone; the absolute limits still apply to it.
 */
export const RATIO_FLOOR_BYTES = 64 * KiB;

/** A byte count as a person reads it: "10 MiB", "64 KiB", "1,234 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${formatCount(bytes)} bytes`;
}

/** A count with thousands separators, whatever the server's locale: "104,857,600". */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

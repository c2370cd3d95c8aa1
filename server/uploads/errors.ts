import { AppError } from "../errors/app-error";

/** What an upload error points at, so a client can highlight the file. */
export interface UploadProblemDetails {
  /** The uploaded file (a multipart file name, a JSON file name or the zip's name). */
  file?: string;
  /** The entry inside the zip named by `file`. */
  entry?: string;
  /** The limit that was passed, in its own unit (bytes, files or a ratio). */
  limit?: number;
  /** Validation issues of a JSON upload, field by field. */
  issues?: unknown;
}

/**
 * An upload over one of the size limits. It keeps the `bad_request` code (the codes are shared
 * with every route) but answers 413, the status HTTP clients and proxies understand as "too big".
 */
export class UploadTooLargeError extends AppError {
  constructor(message: string, details?: UploadProblemDetails) {
    super("bad_request", message, details);
    this.name = "UploadTooLargeError";
  }

  override get status(): number {
    return 413;
  }
}

/** Malformed or unsafe input: 400. */
export function badUpload(message: string, details?: UploadProblemDetails): AppError {
  return new AppError("bad_request", message, details);
}

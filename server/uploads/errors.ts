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

/** An upload over one of the size limits: `too_large`, 413, as HTTP clients and proxies expect. */
export class UploadTooLargeError extends AppError {
  constructor(message: string, details?: UploadProblemDetails) {
    super("too_large", message, details);
    this.name = "UploadTooLargeError";
  }
}

/** Malformed or unsafe input: 400. */
export function badUpload(message: string, details?: UploadProblemDetails): AppError {
  return new AppError("bad_request", message, details);
}

/**
 * Reads a spec upload from a Web `Request`, whatever the framework: a JSON body, or a multipart
 * folder upload whose zips are expanded. Every limit holds while the body is read and while zips
 * inflate; an unsafe name refuses the whole upload. Errors are `AppError`s (`bad_request`, 400)
 * or `UploadTooLargeError`s (`bad_request`, 413), each naming the file and the problem.
 *
 * Framework-free on purpose (no Next imports, no "server-only" marker, which throws outside a
 * React server build): routes, the CLI's server and plain unit tests all call it as it is.
 */

import type { SpecFormat } from "../specs/types";
import type { AcceptedDependency } from "../specs-upload/accepted-dependencies";
import { badUpload } from "./errors";
import { parseJsonUpload } from "./json-upload";
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from "./limits";
import { parseMultipartUpload } from "./multipart-upload";
import { readBodyWithinLimit } from "./request-body";

export { type UploadProblemDetails, UploadTooLargeError } from "./errors";
export { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from "./limits";

export interface UploadedSpec {
  /** In upload order; names are relative paths such as "stories/US-001.md". */
  files: { name: string; content: string }[];
  format?: SpecFormat;
  name?: string;
  /** The project to store it in, when the uploader named one. */
  projectId?: string;
  /** Suggested dependencies the uploader accepted: applied before the waves are computed. */
  acceptedDependencies?: AcceptedDependency[];
}

export async function readSpecUpload(
  request: Request,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): Promise<UploadedSpec> {
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = mediaTypeOf(contentType);
  // Refused before reading: a body of the wrong kind is not worth a byte.
  if (mediaType !== "application/json" && mediaType !== "multipart/form-data") {
    const sent = mediaType === "" ? "without a Content-Type" : `as ${mediaType}`;
    throw badUpload(
      `The upload was sent ${sent}; send application/json or multipart/form-data (files, folders or zips).`,
    );
  }
  const bytes = await readBodyWithinLimit(request, limits.maxRequestBytes);
  return mediaType === "application/json"
    ? parseJsonUpload(bytes, limits)
    : await parseMultipartUpload(bytes, contentType, limits);
}

/** "Multipart/Form-Data; boundary=x" → "multipart/form-data". */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

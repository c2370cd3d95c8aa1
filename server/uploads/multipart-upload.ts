import type { SpecFormat } from "../specs/types";
import type { AcceptedDependency } from "../specs-upload/accepted-dependencies";
import { badUpload } from "./errors";
import type { UploadLimits } from "./limits";
import { describeUnsafePath, judgeUploadPath } from "./paths";
import { describeOrigin, SpecFileCollector, type UploadedFile } from "./spec-files";
import {
  parseAcceptedDependenciesField,
  parseFormatField,
  parseNameField,
  parseProjectField,
} from "./upload-fields";
import { expandZip, isZip } from "./zip-archive";

/** The multipart field every file travels in (`<input type="file" name="file" multiple>`). */
export const FILE_FIELD = "file";

export interface MultipartUpload {
  files: UploadedFile[];
  format?: SpecFormat;
  name?: string;
  projectId?: string;
  acceptedDependencies?: AcceptedDependency[];
}

/**
 * Reads a multipart upload whose bytes were already read within the request limit: `file` parts
 * (a folder upload's filenames carry relative paths such as "stories/US-001.md"; zips are
 * expanded) and optional `format`, `name`, `projectId` and `acceptedDependencies` (JSON text)
 * fields. Other text fields are ignored, since forms add submit buttons and tokens; a file in any
 * other field is refused rather than dropped.
 */
export async function parseMultipartUpload(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
  limits: UploadLimits,
): Promise<MultipartUpload> {
  const form = await parseFormData(bytes, contentType);
  const fileParts: File[] = [];
  const text: { format?: string; name?: string; projectId?: string; acceptedDependencies?: string } = {};
  for (const [field, value] of form) {
    if (field === FILE_FIELD) {
      if (typeof value === "string") {
        throw badUpload(`The "${FILE_FIELD}" field holds text; it must hold an uploaded file.`);
      }
      fileParts.push(value);
    } else if (
      field === "format" ||
      field === "name" ||
      field === "projectId" ||
      field === "acceptedDependencies"
    ) {
      if (typeof value !== "string") throw badUpload(`The "${field}" field must be text, not a file.`);
      if (text[field] !== undefined) throw badUpload(`The "${field}" field appears twice; send it once.`);
      text[field] = value;
    } else if (typeof value !== "string") {
      throw badUpload(
        `A file came in the field "${field}"; send every file in a field named "${FILE_FIELD}".`,
      );
    }
  }
  if (fileParts.length === 0) {
    throw badUpload(`The upload has no files; send each spec file in a field named "${FILE_FIELD}".`);
  }
  // Fields first: a wrong format should not wait for a large zip to be expanded.
  const format = parseFormatField(text.format);
  const name = parseNameField(text.name);
  const acceptedDependencies = parseAcceptedDependenciesField(text.acceptedDependencies);
  const collector = new SpecFileCollector(limits);
  for (const part of fileParts) {
    await collectPart(part, collector, limits);
  }
  const files = collector.list();
  if (files.length === 0) {
    throw badUpload(
      "The upload holds no spec files: only folders, hidden files (such as .DS_Store) or macOS metadata.",
    );
  }
  return {
    files,
    ...(format === undefined ? {} : { format }),
    ...(name === undefined ? {} : { name }),
    ...(text.projectId ? { projectId: parseProjectField(text.projectId) } : {}),
    ...(acceptedDependencies ? { acceptedDependencies } : {}),
  };
}

async function parseFormData(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData> {
  try {
    // The bytes are already within the limit; the platform's parser does the multipart work.
    const request = new Request("http://upload.invalid/", {
      method: "POST",
      headers: { "content-type": contentType },
      body: bytes,
    });
    return await request.formData();
  } catch (error) {
    const reason = error instanceof Error ? ` (${error.message})` : "";
    throw badUpload(`The multipart body could not be read${reason}; send it as multipart/form-data.`);
  }
}

async function collectPart(part: File, collector: SpecFileCollector, limits: UploadLimits): Promise<void> {
  const verdict = judgeUploadPath(part.name);
  if (verdict.kind === "unsafe") {
    throw badUpload(
      `${describeOrigin({ file: part.name })} ${describeUnsafePath(verdict.reason)}; uploaded file names must be relative paths inside the upload.`,
      { file: part.name },
    );
  }
  if (verdict.kind === "skip") return;
  const bytes = new Uint8Array(await part.arrayBuffer());
  if (isZip(verdict.path, bytes)) {
    await expandZip({ path: verdict.path, bytes }, collector, limits);
    return;
  }
  collector.addBytes(verdict.path, bytes, { file: verdict.path });
}

import { z } from "zod";
import type { SpecFormat } from "../specs/types";
import type { AcceptedDependency } from "../specs-upload/accepted-dependencies";
import { badUpload, UploadTooLargeError } from "./errors";
import { formatCount, type UploadLimits } from "./limits";
import { describeUnsafePath, findUnsafePath } from "./paths";
import { describeOrigin, SpecFileCollector, type UploadedFile } from "./spec-files";
import {
  parseAcceptedDependenciesField,
  parseFormatField,
  parseNameField,
  parseProjectField,
} from "./upload-fields";

/** The JSON upload the API has always taken; limits are checked after parsing, with their own errors. */
const jsonUploadSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1, "a file needs a name"), content: z.string() }))
    .min(1, "send at least one file"),
  format: z.string().optional(),
  name: z.string().optional(),
  projectId: z.string().optional(),
  // Validated by parseAcceptedDependenciesField, with the same message as a multipart upload's.
  acceptedDependencies: z.unknown().optional(),
});

export interface JsonUpload {
  files: UploadedFile[];
  format?: SpecFormat;
  name?: string;
  projectId?: string;
  acceptedDependencies?: AcceptedDependency[];
}

/** Parses `{ files: [{ name, content }], format?, name?, projectId?, acceptedDependencies? }`. */
export function parseJsonUpload(bytes: Uint8Array, limits: UploadLimits): JsonUpload {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8").decode(bytes));
  } catch {
    throw badUpload("The request body is not valid JSON.");
  }
  const parsed = jsonUploadSchema.safeParse(body);
  if (!parsed.success) {
    throw badUpload(`The upload is not valid: ${describeIssues(parsed.error)}.`, {
      issues: z.flattenError(parsed.error),
    });
  }
  const input = parsed.data;
  if (input.files.length > limits.maxFiles) {
    const count = formatCount(limits.maxFiles);
    throw new UploadTooLargeError(
      `The upload holds ${formatCount(input.files.length)} files; the limit is ${count} per upload.`,
      { limit: limits.maxFiles },
    );
  }
  const collector = new SpecFileCollector(limits);
  for (const file of input.files) {
    // The client listed each file itself, so nothing is skipped; unsafe names are still refused.
    const unsafe = findUnsafePath(file.name);
    if (unsafe) {
      throw badUpload(
        `${describeOrigin({ file: file.name })} ${describeUnsafePath(unsafe)}; file names must be relative paths inside the upload.`,
        { file: file.name },
      );
    }
    collector.addText(file.name, file.content, { file: file.name });
  }
  const format = parseFormatField(input.format);
  const name = parseNameField(input.name);
  const acceptedDependencies = parseAcceptedDependenciesField(input.acceptedDependencies);
  return {
    files: collector.list(),
    ...(format === undefined ? {} : { format }),
    ...(name === undefined ? {} : { name }),
    ...(input.projectId ? { projectId: parseProjectField(input.projectId) } : {}),
    ...(acceptedDependencies ? { acceptedDependencies } : {}),
  };
}

/** "files[0].content: Invalid input: expected string, received number; format: ..." */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (text, key) =>
          typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`,
        "",
      );
      return path === "" ? issue.message : `${path}: ${issue.message}`;
    })
    .join("; ");
}

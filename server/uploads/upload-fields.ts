import { z } from "zod";
import { SPEC_FORMATS, type SpecFormat } from "../specs/types";
import { type AcceptedDependency, acceptedDependenciesSchema } from "../specs-upload/accepted-dependencies";
import { badUpload } from "./errors";

/** The same bound the JSON upload has always put on a spec's name. */
export const MAX_SPEC_NAME_LENGTH = 200;

/** The declared format, when the uploader chose one; the parser detects it otherwise. */
export function parseFormatField(value: string | undefined): SpecFormat | undefined {
  if (value === undefined || value === "") return undefined;
  const format = SPEC_FORMATS.find((known) => known === value);
  if (format === undefined) {
    throw badUpload(`Unknown spec format "${value}"; use one of: ${SPEC_FORMATS.join(", ")}.`);
  }
  return format;
}

/** The spec's display name, when the uploader gave one. */
export function parseNameField(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (value.length > MAX_SPEC_NAME_LENGTH) {
    throw badUpload(`The spec's name is longer than ${MAX_SPEC_NAME_LENGTH} characters; shorten it.`);
  }
  return value;
}

/** The project the spec is uploaded into, when the uploader chose one (the demo project otherwise). */
export function parseProjectField(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(value)) {
    throw badUpload(
      `"${value.slice(0, 100)}" is not a project id; use the id shown in the dashboard, such as prj_demo.`,
    );
  }
  return value;
}

/**
 * The suggested dependencies the uploader accepted, `[{ item, dependsOn }]`: an array in a JSON
 * upload, the same array as JSON text in a multipart field.
 */
export function parseAcceptedDependenciesField(value: unknown): AcceptedDependency[] | undefined {
  if (value === undefined || value === "") return undefined;
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw badUpload(
        'The "acceptedDependencies" field is not JSON; send [{"item": "T002", "dependsOn": "T001"}].',
      );
    }
  }
  const result = acceptedDependenciesSchema.safeParse(parsed);
  if (!result.success) {
    throw badUpload(
      `The "acceptedDependencies" field is not valid: ${result.error.issues[0]?.message ?? "wrong shape"}; send [{"item": "T002", "dependsOn": "T001"}].`,
      { issues: z.flattenError(result.error) },
    );
  }
  return result.data.length === 0 ? undefined : result.data;
}

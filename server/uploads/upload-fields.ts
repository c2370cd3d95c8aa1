import { SPEC_FORMATS, type SpecFormat } from "../specs/types";
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

/**
 * What the person picked for a spec, and how it travels to the server. Plain files go as JSON
 * text, as they always have; a folder or anything with a zip goes as multipart (one `file` part
 * per file, named by its relative path), so the server expands zips and judges every path itself.
 */

export interface SpecFileInput {
  name: string;
  content: string;
}

/** A file as picked or dropped: its path relative to what was picked ("stories/US-001.md"). */
export interface PickedFile {
  path: string;
  file: Blob;
}

export type SpecSelection =
  /** Plain files or an example: sent as JSON text. */
  | { kind: "text"; files: SpecFileInput[] }
  /** A folder or a zip: sent as multipart; `name` names the spec after the folder or zip. */
  | { kind: "upload"; files: PickedFile[]; name?: string };

export type SelectionResult = { ok: true; selection: SpecSelection } | { ok: false; message: string };

/** The multipart field every file travels in (server/uploads/multipart-upload.ts). */
export const FILE_FIELD = "file";

/** What the pickers accept and a folder is filtered to. */
export const SPEC_FILE_ACCEPT = ".md,.markdown,.json,.yaml,.yml,.txt,.zip";

const specFilePattern = /\.(md|markdown|json|ya?ml|txt)$/i;
const zipPattern = /\.zip$/i;

export function isZipPath(path: string): boolean {
  return zipPattern.test(path);
}

/**
 * Turns picked or dropped files into a selection. A folder brings everything in it (images,
 * lock files), so only files a spec can be made of, and zips, are kept.
 */
export async function selectSpecFiles(
  picked: PickedFile[],
  { fromFolder }: { fromFolder: boolean },
): Promise<SelectionResult> {
  const kept = picked.filter((file) => specFilePattern.test(file.path) || isZipPath(file.path));
  if (kept.length === 0) {
    return {
      ok: false,
      message:
        picked.length === 0
          ? "Nothing was picked."
          : "None of these is a spec file: pick Markdown, JSON, YAML or text files, a folder of them, or a zip.",
    };
  }
  if (fromFolder || kept.some((file) => isZipPath(file.path))) {
    const name = uploadName(kept, fromFolder);
    return { ok: true, selection: { kind: "upload", files: kept, ...(name ? { name } : {}) } };
  }
  const files = await Promise.all(
    kept.map(async (file) => ({ name: file.path, content: await file.file.text() })),
  );
  return { ok: true, selection: { kind: "text", files } };
}

/**
 * The spec's name when one folder or one zip was uploaded: "stories" for "stories/US-001.md",
 * "billing" for "billing.zip". The server names it after the first file otherwise.
 */
export function uploadName(files: PickedFile[], fromFolder: boolean): string | undefined {
  if (fromFolder) {
    const roots = new Set(files.map((file) => file.path.split("/")[0] ?? ""));
    const [root] = roots;
    return roots.size === 1 && root && files.every((file) => file.path.includes("/")) ? root : undefined;
  }
  const [only] = files;
  return files.length === 1 && only && isZipPath(only.path)
    ? (only.path.split("/").at(-1) ?? "").replace(zipPattern, "") || undefined
    : undefined;
}

/** The files as the server will list them before it expands zips, for the page to show. */
export function selectionFileNames(selection: SpecSelection): string[] {
  return selection.kind === "text"
    ? selection.files.map((file) => file.name)
    : selection.files.map((file) => file.path);
}

/**
 * The request body for `POST /api/v1/specs/preview` and `POST /api/v1/specs`. A FormData body
 * gets its multipart boundary from the browser, so callers must not set a Content-Type for it.
 * Accepted suggested dependencies go as an array, or as JSON text in a multipart field.
 */
export function specRequestBody(
  selection: SpecSelection,
  fields: {
    format?: string;
    projectId?: string;
    acceptedDependencies?: readonly { item: string; dependsOn: string }[];
  },
): string | FormData {
  const format = fields.format || undefined;
  const accepted = fields.acceptedDependencies?.length ? fields.acceptedDependencies : undefined;
  if (selection.kind === "text") {
    return JSON.stringify({
      files: selection.files,
      format,
      projectId: fields.projectId,
      acceptedDependencies: accepted,
    });
  }
  const form = new FormData();
  for (const file of selection.files) form.append(FILE_FIELD, file.file, file.path);
  if (format) form.append("format", format);
  if (selection.name) form.append("name", selection.name);
  if (fields.projectId) form.append("projectId", fields.projectId);
  if (accepted) form.append("acceptedDependencies", JSON.stringify(accepted));
  return form;
}

/**
 * What to show when an upload fails: the server's own message (it names the file, the entry and
 * the limit). A fetch that fails without an answer is most often a body the server stopped
 * reading, so that is said instead of the browser's "Failed to fetch".
 */
export function uploadErrorMessage(error: Error): string {
  if (error instanceof TypeError) {
    return "The upload could not be sent: the connection closed before the server answered. A very large upload is refused; send fewer or smaller files.";
  }
  return error.message;
}

/**
 * Which uploaded file names are accepted. Names come from multipart filenames and zip entries,
 * both chosen by the uploader, and they travel on into the stored spec and agents' workspaces, so
 * a name must stay a plain relative path: no way up, no absolute or Windows drive path, no
 * control characters. One bad name refuses the whole upload; a half-accepted story set would
 * plan the wrong thing quietly.
 */

/** The same bound the JSON upload has always had. */
export const MAX_PATH_LENGTH = 500;

export type UnsafePathReason =
  | "empty"
  | "too_long"
  | "control_character"
  | "absolute"
  | "parent"
  | "backslash";

export type SkipReason = "directory" | "hidden" | "macos_metadata";

export type PathVerdict =
  | { kind: "file"; path: string }
  | { kind: "skip"; reason: SkipReason }
  | { kind: "unsafe"; reason: UnsafePathReason };

/** Judges one uploaded name: a spec file (with its tidied path), an entry to skip, or unsafe. */
export function judgeUploadPath(name: string): PathVerdict {
  const unsafe = findUnsafePath(name);
  if (unsafe) return { kind: "unsafe", reason: unsafe };
  if (name.endsWith("/")) return { kind: "skip", reason: "directory" };
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.length === 0) return { kind: "skip", reason: "directory" };
  // Finder adds __MACOSX/ and ._ files to every zip it makes; folders bring .DS_Store, .git and
  // the like. None of them is part of a spec.
  if (segments.includes("__MACOSX")) return { kind: "skip", reason: "macos_metadata" };
  if (segments.some((segment) => segment.startsWith("."))) return { kind: "skip", reason: "hidden" };
  return { kind: "file", path: segments.join("/") };
}

export function findUnsafePath(name: string): UnsafePathReason | null {
  if (name === "") return "empty";
  if (name.length > MAX_PATH_LENGTH) return "too_long";
  // NUL ends a name in C, so "story.md\0.exe" means different files to different readers.
  if (hasControlCharacter(name)) return "control_character";
  // "\\server\share" and "\x" are absolute on Windows, "C:x" is relative to a drive's cwd.
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name)) return "absolute";
  // Split on both separators: "..\x" climbs on Windows even though "\" is not ours.
  if (name.split(/[/\\]/).includes("..")) return "parent";
  if (name.includes("\\")) return "backslash";
  return null;
}

/** The end of a sentence that starts with the name, e.g. `entry "../a.md" points outside...`. */
export function describeUnsafePath(reason: UnsafePathReason): string {
  switch (reason) {
    case "empty":
      return "has no name";
    case "too_long":
      return `has a name longer than ${MAX_PATH_LENGTH} characters`;
    case "control_character":
      return "has a control character (such as NUL) in its name";
    case "absolute":
      return "is an absolute path";
    case "parent":
      return "points outside the upload";
    case "backslash":
      return "uses a backslash in its name; folders must be separated with /";
  }
}

function hasControlCharacter(name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** "stories/set.zip" → "stories": expanded entries land next to the archive they came from. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

export function joinPath(folder: string, path: string): string {
  return folder === "" ? path : `${folder}/${path}`;
}

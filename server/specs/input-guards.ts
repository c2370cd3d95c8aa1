/**
 * Checks every uploaded file before any parser sees it: size, encoding, emptiness. Upload
 * handlers decode bytes as UTF-8 without `fatal`, so undecodable bytes arrive as U+FFFD.
 */
import type { IssueLog } from "./issues";
import type { SpecFile } from "./types";

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export function checkInputs(files: unknown, maxBytes: number, log: IssueLog): SpecFile[] {
  if (!Array.isArray(files)) {
    log.error("empty_spec", "", 0, "No files were uploaded.");
    return [];
  }
  const accepted: SpecFile[] = [];
  for (const raw of files) {
    const file = raw as Partial<SpecFile> | null;
    const name = typeof file?.name === "string" && file.name !== "" ? file.name : "(unnamed)";
    if (typeof file?.content !== "string") {
      log.error("bad_encoding", name, 0, `${name} is not text, so it cannot be read as a spec.`);
      continue;
    }
    const content = file.content.startsWith("\uFEFF") ? file.content.slice(1) : file.content;
    if (exceedsBytes(content, maxBytes)) {
      log.error(
        "file_too_large",
        name,
        0,
        `${name} is larger than ${Math.round(maxBytes / 1024)} KiB; split the spec or raise the limit.`,
      );
      continue;
    }
    const bad = firstBadCharacter(content);
    if (bad) {
      log.error(
        "bad_encoding",
        name,
        bad.line,
        `${name} is not valid UTF-8 text (unreadable character at line ${bad.line}); save it as UTF-8 and upload again.`,
        bad.column,
      );
      continue;
    }
    accepted.push({ name, content });
  }
  if (!log.failed && accepted.every((f) => f.content.trim() === "")) {
    log.error("empty_spec", accepted[0]?.name ?? "", 0, "The spec is empty: there is nothing to plan.");
  }
  return accepted;
}

function exceedsBytes(text: string, maxBytes: number): boolean {
  // Cheap bound first: a UTF-16 unit never takes more than 3 UTF-8 bytes.
  if (text.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(text, "utf8") > maxBytes;
}

/** U+FFFD (failed decoding), NUL (a binary file) or a lone surrogate. */
function firstBadCharacter(text: string): { line: number; column: number } | null {
  const nul = text.indexOf(String.fromCharCode(0));
  const other = text.search(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  const index = nul < 0 ? other : other < 0 ? nul : Math.min(nul, other);
  if (index < 0) return null;
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  const column = index - before.lastIndexOf("\n");
  return { line, column };
}

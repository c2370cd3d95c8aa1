/** One line of a file's patch, as the diff view shows it: a sign column, the text, and its kind. */
export interface DiffLine {
  kind: "added" | "removed" | "context" | "hunk" | "header";
  /** `+`, `−` or blank: the sign column, so a change is never told by colour alone. */
  sign: "+" | "−" | "";
  text: string;
}

/** Splits a file's `git show` patch into lines to render as text (never as HTML). */
export function diffLines(patch: string): DiffLine[] {
  let inHunk = false;
  return patch.split("\n").map((line): DiffLine => {
    if (line.startsWith("@@")) {
      inHunk = true;
      return { kind: "hunk", sign: "", text: line };
    }
    if (!inHunk || line.startsWith("diff --git ")) {
      inHunk = false;
      return { kind: "header", sign: "", text: line };
    }
    if (line.startsWith("+")) return { kind: "added", sign: "+", text: line.slice(1) };
    if (line.startsWith("-")) return { kind: "removed", sign: "−", text: line.slice(1) };
    return { kind: "context", sign: "", text: line.startsWith(" ") ? line.slice(1) : line };
  });
}

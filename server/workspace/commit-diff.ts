import { execa } from "execa";
import { WorkspaceError } from "./errors";

/** One file of a commit's patch; the counts are of the lines shown (a cut patch counts what it shows). */
export interface CommitDiffFile {
  path: string;
  additions: number;
  deletions: number;
  patch: string;
}

export interface CommitDiff {
  commit: string;
  files: CommitDiffFile[];
  /** The patch was longer than the cap and was cut; the last file's patch ends with a note saying so. */
  truncated: boolean;
}

/** An item's diff is read into a page: a huge generated file must not flood the browser. */
export const MAX_DIFF_BYTES = 256 * 1024;

/**
 * The patch of one commit in a project's repository (`git show`), split per file. The sha is
 * checked to be a hex object name first, so it can never be read as an option.
 */
export async function readCommitDiff(
  repoPath: string,
  commit: string,
  options: { maxBytes?: number } = {},
): Promise<CommitDiff> {
  if (!/^[0-9a-f]{4,64}$/i.test(commit)) {
    throw new WorkspaceError("git_failed", `"${commit}" is not a commit id.`);
  }
  const shown = await execa(
    "git",
    [
      "-c",
      "core.quotepath=false",
      "show",
      "--no-color",
      "--no-ext-diff",
      "--no-textconv",
      "--format=",
      "--patch",
      // A machine's diff.noprefix or mnemonicPrefix would change the headers this parses.
      "--src-prefix=a/",
      "--dst-prefix=b/",
      commit,
      "--",
    ],
    { cwd: repoPath, reject: false, encoding: "buffer", stripFinalNewline: false, timeout: 30_000 },
  );
  if (shown.exitCode !== 0) {
    throw new WorkspaceError(
      "git_failed",
      `git show ${commit} failed: ${Buffer.from(shown.stderr).toString("utf8").trim()}`,
    );
  }
  const { text, truncated } = capText(Buffer.from(shown.stdout), options.maxBytes ?? MAX_DIFF_BYTES);
  const files = splitPatch(text);
  const last = files.at(-1);
  if (truncated && last) {
    last.patch += `\n… the diff is longer than ${Math.round((options.maxBytes ?? MAX_DIFF_BYTES) / 1024)} KiB and was cut here; git show ${commit} has the rest.`;
  }
  return { commit, files, truncated };
}

/** Cuts at the last whole line within the cap, so no line (or UTF-8 character) is half shown. */
function capText(bytes: Buffer, maxBytes: number): { text: string; truncated: boolean } {
  if (bytes.length <= maxBytes) return { text: bytes.toString("utf8"), truncated: false };
  const head = bytes.subarray(0, maxBytes);
  const lastNewline = head.lastIndexOf(0x0a);
  return {
    text: head.subarray(0, lastNewline > 0 ? lastNewline : maxBytes).toString("utf8"),
    truncated: true,
  };
}

/** Splits `git show` output into files at each `diff --git` header and counts +/- lines in hunks. */
export function splitPatch(text: string): CommitDiffFile[] {
  const files: CommitDiffFile[] = [];
  let current: (CommitDiffFile & { lines: string[]; inHunk: boolean }) | null = null;
  const finish = () => {
    if (!current) return;
    const { lines, inHunk: _, ...file } = current;
    files.push({ ...file, patch: lines.join("\n").replace(/\n$/, "") });
  };
  for (const line of text.split("\n")) {
    if (line.startsWith("diff --git ")) {
      finish();
      current = {
        path: headerPath(line),
        additions: 0,
        deletions: 0,
        patch: "",
        lines: [line],
        inHunk: false,
      };
      continue;
    }
    if (!current) continue;
    current.lines.push(line);
    if (line.startsWith("@@")) current.inHunk = true;
    else if (!current.inHunk && line.startsWith("+++ ") && line !== "+++ /dev/null") {
      current.path = stripPrefix(line.slice(4));
    } else if (
      !current.inHunk &&
      line.startsWith("--- ") &&
      line !== "--- /dev/null" &&
      current.path === ""
    ) {
      current.path = stripPrefix(line.slice(4));
    } else if (!current.inHunk && line.startsWith("rename to "))
      current.path = line.slice("rename to ".length);
    else if (current.inHunk && line.startsWith("+")) current.additions += 1;
    else if (current.inHunk && line.startsWith("-")) current.deletions += 1;
  }
  finish();
  return files;
}

function stripPrefix(name: string): string {
  return name.replace(/\t$/, "").replace(/^[ab]\//, "");
}

/** `diff --git a/x b/x`: the b side, when the name has no spaces to make it ambiguous. */
function headerPath(header: string): string {
  const match = /^diff --git a\/(.+) b\/(.+)$/.exec(header);
  return match?.[2] ?? "";
}

import { classifyFile, type FileKind } from "./detect-format";
import { type Frontmatter, readFrontmatter, splitLines } from "./markdown-lines";
import type { SpecFile } from "./types";

/** An uploaded file after the input guards: BOM removed, split into lines, classified. */
export interface LoadedFile {
  name: string;
  content: string;
  lines: string[];
  /** Split once for detection and parsing: joining a 60,000-line frontmatter twice is measurable. */
  frontmatter: Frontmatter | null;
  kind: FileKind;
}

/**
 * A file that passed the input guards, read for detection. Its lines are split when first asked
 * for: an EXEC-SPEC is classified and read from its frontmatter, and splitting its 60,000 lines
 * would only make garbage.
 */
export function loadFile(file: SpecFile): LoadedFile {
  const content = file.content;
  const frontmatter = readFrontmatter(content);
  let lines: string[] | undefined;
  const loaded: LoadedFile = {
    name: file.name,
    content,
    get lines() {
      lines ??= splitLines(content);
      return lines;
    },
    frontmatter,
    kind: "prose",
  };
  loaded.kind = classifyFile(loaded, () => loaded.lines, frontmatter);
  return loaded;
}

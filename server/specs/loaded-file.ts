import type { FileKind } from "./detect-format";
import type { Frontmatter } from "./markdown-lines";

/** An uploaded file after the input guards: BOM removed, split into lines, classified. */
export interface LoadedFile {
  name: string;
  content: string;
  lines: string[];
  /** Split once for detection and parsing: joining a 60,000-line frontmatter twice is measurable. */
  frontmatter: Frontmatter | null;
  kind: FileKind;
}

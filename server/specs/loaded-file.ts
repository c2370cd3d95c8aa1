import type { FileKind } from "./detect-format";

/** An uploaded file after the input guards: BOM removed, split into lines, classified. */
export interface LoadedFile {
  name: string;
  content: string;
  lines: string[];
  kind: FileKind;
}

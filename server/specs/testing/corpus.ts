/**
 * The public real-world spec corpus, read in place from `../shared/specs/real` beside the repo
 * (CI clones the repo with `shared/` next to it). Used by tests and the benchmark only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SpecFile } from "../types";

export const CORPUS_DIR = fileURLToPath(new URL("../../../../shared/specs/real/", import.meta.url));

export const STORY_SET_PREFIX =
  "metasaver__metasaver-marketplace__docs__projects__20251219-positive-reinforcement-hooks__";

export function corpusFileNames(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((n) => n !== "MANIFEST.md")
    .sort();
}

/** A corpus file under its flattened name, or under `as` (e.g. "user-stories/US-001.md"). */
export function corpusFile(name: string, as?: string): SpecFile {
  return { name: as ?? name, content: readFileSync(CORPUS_DIR + name, "utf8") };
}

/** The 24 stories, 3 epics and workflow-state.json of the metasaver story set, under folder names. */
export function storySetFiles(): SpecFile[] {
  return corpusFileNames()
    .filter((n) => n.startsWith(STORY_SET_PREFIX))
    .map((n) => corpusFile(n, n.slice(STORY_SET_PREFIX.length).replace("user-stories__", "user-stories/")));
}

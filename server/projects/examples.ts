import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors/app-error";

/** The example specs bundled in `examples/specs`, offered on the dashboard. */
export async function listExamples(root: string): Promise<string[]> {
  const dir = path.join(root, "examples", "specs");
  if (!existsSync(dir)) return [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(md|json)$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export async function readExample(root: string, name: string): Promise<{ name: string; content: string }> {
  const examples = await listExamples(root);
  // Only names from the listing: never a path a request made up.
  if (!examples.includes(name)) throw new AppError("not_found", `No example spec named ${name}.`);
  return { name, content: await fs.readFile(path.join(root, "examples", "specs", name), "utf8") };
}

import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWorkspacePaths } from "./workspace-paths";

let base: string;
let workspace: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "specwave-paths-"));
  workspace = path.join(base, "ws");
  await mkdir(path.join(workspace, "src"), { recursive: true });
  await writeFile(path.join(workspace, "src", "a.ts"), "export {};\n");
  await writeFile(path.join(base, "secret.txt"), "outside\n");
  await symlink(path.join(base, "secret.txt"), path.join(workspace, "escape.txt"));
  await symlink(base, path.join(workspace, "up"));
  await symlink(path.join(workspace, "src", "a.ts"), path.join(workspace, "inside-link.ts"));
  await symlink(path.join(workspace, "nothing.ts"), path.join(workspace, "dangling.ts"));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("checkWorkspacePaths", () => {
  it("finds files inside the workspace, including through links that stay inside", async () => {
    const checks = await checkWorkspacePaths(workspace, ["src/a.ts", "./src/a.ts", "src", "inside-link.ts"]);
    expect(checks.map((c) => c.status)).toEqual(["present", "present", "present", "present"]);
  });

  it("reports missing files and dangling links as missing", async () => {
    const checks = await checkWorkspacePaths(workspace, ["src/b.ts", "dangling.ts"]);
    expect(checks.map((c) => c.status)).toEqual(["missing", "missing"]);
  });

  it("refuses '..', absolute paths and links that lead outside", async () => {
    const checks = await checkWorkspacePaths(workspace, [
      "../secret.txt",
      "src/../../secret.txt",
      path.join(base, "secret.txt"),
      "C:\\secret.txt",
      "escape.txt",
      "up/secret.txt",
      "",
    ]);
    expect(checks.map((c) => c.status)).toEqual(Array(7).fill("rejected"));
    expect(checks[4]?.reason).toContain("symbolic link");
  });
});

import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGitWorkspaces } from "./index";
import { setupTestGit } from "./test-support";

const { ws, env, seededRepo, tempDir } = setupTestGit();

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: { code?: string }) => error.code,
  );

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the git runner", () => {
  it("ignores GIT_DIR and friends inherited from a parent process (e.g. a git hook)", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const elsewhere = await tempDir("elsewhere");
    vi.stubEnv("GIT_DIR", path.join(elsewhere, "not-a-repo"));
    vi.stubEnv("GIT_INDEX_FILE", path.join(elsewhere, "index"));
    expect(await ws.isClean(repo)).toEqual({ clean: true, files: [] });
  });

  it("reports a missing git binary, a missing folder, a non-repository and a timeout with their own codes", async () => {
    const repo = await seededRepo({ "a.txt": "a\n" });
    const noGit = createGitWorkspaces({ env, gitBinary: path.join(repo, "no-such-git") });
    expect(await errorCode(noGit.isClean(repo))).toBe("git_not_found");
    expect(await errorCode(ws.isClean(path.join(repo, "missing")))).toBe("root_not_found");
    expect(await errorCode(ws.isClean(await tempDir("plain")))).toBe("not_a_repository");
    // A "git" that hangs, so the outcome does not depend on how fast the machine is.
    const hanging = path.join(await tempDir("bin"), "git");
    await writeFile(hanging, "#!/bin/sh\nexec sleep 30\n", { mode: 0o755 });
    const stuck = createGitWorkspaces({ env, gitBinary: hanging, gitTimeoutMs: 200 });
    expect(await errorCode(stuck.isClean(repo))).toBe("git_timeout");
  });
});

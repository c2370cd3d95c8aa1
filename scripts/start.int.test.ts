import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testServices } from "../server/config/test-env";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

async function start(env: Record<string, string>) {
  try {
    const result = await run(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      timeout: 60_000,
    });
    return { code: 0, stderr: result.stderr };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? "" };
  }
}

describe("npm start with unreachable services", () => {
  it("exits with one line naming DATABASE_URL, password hidden", async () => {
    const result = await start({ DATABASE_URL: "postgresql://specwave:secret@127.0.0.1:1/specwave" });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^specwave: cannot reach PostgreSQL at DATABASE_URL=postgresql:\/\/specwave:\*\*\*@127\.0\.0\.1:1\/specwave: /,
    );
    expect(result.stderr).not.toContain("secret");
  });

  it("exits with one line naming REDIS_URL", async () => {
    const result = await start({
      DATABASE_URL: testServices.postgresAdminUrl,
      REDIS_URL: "redis://127.0.0.1:1",
    });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^specwave: cannot reach Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:1: /);
  });

  it("names an invalid setting instead of starting", async () => {
    const result = await start({ PORT: "not-a-port" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^specwave: Specwave configuration is invalid: PORT: /);
  });
});

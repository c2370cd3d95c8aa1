import { execa } from "execa";

/**
 * Applies committed migrations with `prisma migrate deploy`. Prisma 6.19's CLI needs
 * PRISMA_QUERY_ENGINE_LIBRARY pointing at any file: with the JS engine the library is never
 * loaded, but without the variable the CLI tries to download it.
 */
export async function deployMigrations(databaseUrl: string, cwd: string): Promise<void> {
  const result = await execa("npx", ["--no-install", "prisma", "migrate", "deploy"], {
    cwd,
    env: { DATABASE_URL: databaseUrl, PRISMA_QUERY_ENGINE_LIBRARY: "package.json" },
    reject: false,
    all: true,
  });
  if (result.exitCode !== 0) {
    throw new Error(`applying migrations failed:\n${result.all ?? ""}`);
  }
}

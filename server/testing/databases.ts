import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { testServices } from "../config/test-env";
import { deployMigrations } from "../db/migrate";

/**
 * Isolation for integration tests on the real PostgreSQL: the migrations are applied once to a
 * template database named after their content, and each test file gets its own copy.
 */
const root = path.resolve(import.meta.dirname, "../..");

export function templateName(): string {
  const dir = path.join(root, "prisma", "migrations");
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".toml")) continue;
    hash.update(name);
    hash.update(readFileSync(path.join(dir, name, "migration.sql")));
  }
  return `specwave_tpl_${hash.digest("hex").slice(0, 12)}`;
}

export function databaseUrl(name: string): string {
  const url = new URL(testServices.postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServices.postgresAdminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function ensureTemplateDatabase(): Promise<string> {
  const name = templateName();
  const exists = await admin(async (client) => {
    const result = await client.query("select 1 from pg_database where datname = $1", [name]);
    return result.rowCount === 1;
  });
  if (exists) return name;
  const building = `${name}_build_${randomBytes(3).toString("hex")}`;
  await admin((client) => client.query(`create database ${building}`));
  await deployMigrations(databaseUrl(building), root);
  await admin(async (client) => {
    await client.query(`alter database ${building} rename to ${name}`).catch(async (error) => {
      // Another test run built it first.
      await client.query(`drop database if exists ${building}`);
      if (!String(error).includes("already exists")) throw error;
    });
  });
  return name;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const template = await ensureTemplateDatabase();
  const name = `specwave_t_${label.replace(/[^a-z0-9]/g, "").slice(0, 20)}_${randomBytes(4).toString("hex")}`;
  await admin((client) => client.query(`create database ${name} template ${template}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

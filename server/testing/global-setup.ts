import { ensureTemplateDatabase } from "./databases";

/**
 * Builds the migrated template database once per test run (integration suites copy it). Pure
 * suites do not need PostgreSQL; when it is not there they still run.
 */
export default async function setup(): Promise<void> {
  try {
    await ensureTemplateDatabase();
  } catch (error) {
    console.warn(
      `[specwave tests] no template database (${error instanceof Error ? error.message : error}); integration suites will fail`,
    );
  }
}

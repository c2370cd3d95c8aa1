/**
 * The services the integration suites use: this machine's PostgreSQL and Redis unless the test
 * command points them elsewhere. Tests only; the product reads its environment in env.ts.
 */
export const testServices = {
  postgresAdminUrl: process.env.SPECWAVE_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  redisUrl: process.env.SPECWAVE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
};

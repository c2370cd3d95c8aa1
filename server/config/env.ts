import path from "node:path";
import { z } from "zod";

/**
 * Specwave's one environment schema. Nothing else reads `process.env`: processes call
 * `loadConfig()` once at start-up and pass what they need down as arguments.
 */
const durationRange = z
  .string()
  .regex(/^\d+(-\d+)?$/, "expected milliseconds, or a range like 800-2500")
  .transform((text) => {
    const [min, max] = text.split("-").map(Number) as [number, number | undefined];
    return { min, max: max ?? min };
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** External PostgreSQL (production profile). Unset: an embedded PostgreSQL under the data folder. */
  DATABASE_URL: z.string().url().optional(),
  /** Redis for the queues (production profile). Unset: BullMQ's PostgreSQL backend on the same database. */
  REDIS_URL: z.string().url().optional(),
  /** Where Specwave keeps its embedded database and demo workspaces. */
  SPECWAVE_DATA_DIR: z.string().default(".specwave"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Localhost by default; binding to other interfaces must be asked for. */
  HOST: z.string().default("127.0.0.1"),
  /** Prefix of every queue name, so several Specwave installations (or tests) share one Redis. */
  SPECWAVE_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .default("specwave"),
  /** Jobs one worker process runs at once per queue; also the queue's global limit. */
  SPECWAVE_CONCURRENCY: z.coerce.number().int().min(1).max(10).default(10),
  /** How long the built-in demo agent works on a step. */
  SPECWAVE_DEMO_AGENT_MS: durationRange.default({ min: 1200, max: 2600 }),
  /** Which built-in agent runs steps: `demo` writes real code; `noop` only waits (benchmarks). */
  SPECWAVE_AGENT: z.enum(["demo", "noop"]).default("demo"),
  /** A JSON file mapping roles to coding agents (presets, models); unset: the built-in agent. */
  SPECWAVE_AGENTS_FILE: z.string().optional(),
  /** Demo only: items (comma-separated ids) whose implementer fails, and whose implementer lies. */
  SPECWAVE_DEMO_FAIL_ITEMS: z.string().default(""),
  SPECWAVE_DEMO_LIE_ITEMS: z.string().default(""),
  /** How long a job's lock lives without renewal; a killed worker's step is picked up after it. */
  SPECWAVE_JOB_LOCK_SECONDS: z.coerce.number().min(1).max(600).default(30),
  /** PostgreSQL connections per process; each running step's transactions take one. */
  SPECWAVE_DB_POOL: z.coerce.number().int().min(2).max(200).default(20),
  /** Seconds between reconciler passes. */
  SPECWAVE_RECONCILE_SECONDS: z.coerce.number().min(0.2).default(5),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Signs session cookies. Unset: a random secret is created once in the data folder. Set it
   * (the same value) when several web processes share one database.
   */
  SPECWAVE_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * The address people open, e.g. https://specwave.example.com. Its origin is trusted for
   * state-changing requests; an https address makes session cookies Secure.
   */
  SPECWAVE_PUBLIC_URL: z.string().url().optional(),
  /** Sign-in attempts allowed per client address per minute. */
  SPECWAVE_SIGNIN_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
});

export type Env = z.infer<typeof envSchema>;

export interface SpecwaveConfig {
  env: Env["NODE_ENV"];
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  queuePrefix: string;
  concurrency: number;
  demoAgentMs: { min: number; max: number };
  agent: Env["SPECWAVE_AGENT"];
  agentsFile: string | undefined;
  demoFailItems: string[];
  demoLieItems: string[];
  jobLockMs: number;
  reconcileMs: number;
  dbPool: number;
  logLevel: Env["LOG_LEVEL"];
  authSecret: string | undefined;
  publicUrl: string | undefined;
  signInLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Specwave configuration is invalid: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

const list = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

export function parseConfig(source: Record<string, string | undefined>, cwd = process.cwd()): SpecwaveConfig {
  // Empty strings count as unset, as shells and .env files write them.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    dataDir: path.resolve(cwd, env.SPECWAVE_DATA_DIR),
    port: env.PORT,
    host: env.HOST,
    queuePrefix: env.SPECWAVE_QUEUE_PREFIX,
    concurrency: env.SPECWAVE_CONCURRENCY,
    demoAgentMs: env.SPECWAVE_DEMO_AGENT_MS,
    agent: env.SPECWAVE_AGENT,
    agentsFile: env.SPECWAVE_AGENTS_FILE ? path.resolve(cwd, env.SPECWAVE_AGENTS_FILE) : undefined,
    demoFailItems: list(env.SPECWAVE_DEMO_FAIL_ITEMS),
    demoLieItems: list(env.SPECWAVE_DEMO_LIE_ITEMS),
    jobLockMs: Math.round(env.SPECWAVE_JOB_LOCK_SECONDS * 1000),
    reconcileMs: Math.round(env.SPECWAVE_RECONCILE_SECONDS * 1000),
    dbPool: env.SPECWAVE_DB_POOL,
    logLevel: env.LOG_LEVEL,
    authSecret: env.SPECWAVE_AUTH_SECRET,
    publicUrl: env.SPECWAVE_PUBLIC_URL,
    signInLimitPerMinute: env.SPECWAVE_SIGNIN_LIMIT,
  };
}

let cached: SpecwaveConfig | undefined;

/** The process's configuration, read from its environment once. */
export function loadConfig(): SpecwaveConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The environment a child process of Specwave's needs, with the resolved URLs filled in. */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/**
 * The server's own environment, for code that builds a child process's environment from an
 * allowlist (agents, gates). Only this module reads process.env.
 */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

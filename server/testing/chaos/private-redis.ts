import { type ChildProcess, spawn } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "../../db/embedded";
import { stopChild } from "./child-processes";

/**
 * A redis-server of the test's own, on a spare port, with no persistence: chaos tests may flush
 * or kill it without touching the machine's Redis or any other test's queues.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Drops every key, as an operator's FLUSHALL or a wiped server would. */
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilReady(child, url);
  const command = async <T>(fn: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await redis.connect();
      return await fn(redis);
    } finally {
      redis.disconnect();
    }
  };
  return {
    url,
    port,
    flushAll: () => command((redis) => redis.flushall()).then(() => undefined),
    stop: () => stopChild(child, "SIGTERM"),
  };
}

async function waitUntilReady(child: ChildProcess, url: string): Promise<void> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited at start-up:\n${output}`);
    const redis = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    redis.on("error", () => undefined);
    try {
      await redis.connect();
      if ((await redis.ping()) === "PONG") return;
    } catch {
      // not listening yet
    } finally {
      redis.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child, "SIGKILL");
  throw new Error(`redis-server did not answer on ${url}:\n${output}`);
}

import {
  createPostgresBackend,
  type Job,
  type Processor,
  Queue,
  type QueueOptions,
  runMigrations,
  Worker,
  type WorkerOptions,
  withBackend,
} from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";

/**
 * One place that knows which queue backend a process uses: Redis when REDIS_URL is set (the
 * production profile), otherwise BullMQ's PostgreSQL backend on Specwave's own database.
 */
export interface QueueBackendConfig {
  redisUrl?: string;
  databaseUrl: string;
  prefix: string;
}

export interface QueueKit {
  kind: "redis" | "postgres";
  createQueue(name: string): Queue;
  createWorker(
    name: string,
    processor: Processor,
    options: { concurrency: number; lockDuration?: number },
  ): Worker;
  close(): Promise<void>;
}

/**
 * A killed worker's job is moved back by BullMQ's stalled-job check, which runs every
 * `stalledInterval` (30 s by default) whatever the lock's length: check at half the lock, so a
 * step whose worker died is picked up again within about one lock duration.
 */
function lockTiming(lockDuration = 30_000) {
  return { lockDuration, stalledInterval: Math.max(500, Math.floor(lockDuration / 2)), maxStalledCount: 3 };
}

export async function createQueueKit(config: QueueBackendConfig): Promise<QueueKit> {
  if (config.redisUrl) return createRedisKit(config.redisUrl, config.prefix);
  return createPostgresKit(config.databaseUrl, config.prefix);
}

function createRedisKit(redisUrl: string, prefix: string): QueueKit {
  const connections: Redis[] = [];
  // BullMQ's production guide: workers block on Redis, so they need maxRetriesPerRequest: null.
  const connect = () => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
    redis.on("error", () => undefined); // reconnects by itself; the reconciler restores lost jobs
    connections.push(redis);
    return redis;
  };
  const shared = connect();
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  return {
    kind: "redis",
    createQueue(name) {
      const queue = new Queue(name, { connection: shared, prefix } as QueueOptions);
      queues.push(queue);
      return queue;
    },
    createWorker(name, processor, options) {
      const worker = new Worker(name, processor, {
        connection: connect(),
        prefix,
        concurrency: options.concurrency,
        ...lockTiming(options.lockDuration),
      } as WorkerOptions);
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await Promise.allSettled(queues.map((queue) => queue.close()));
      for (const redis of connections) redis.disconnect();
    },
  };
}

async function createPostgresKit(databaseUrl: string, prefix: string): Promise<QueueKit> {
  // The queue tables live in their own schema, named after the prefix, beside Specwave's tables.
  const schema = `bullmq_${prefix}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runMigrations(client, schema);
  } finally {
    await client.end();
  }
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  const connection = { connectionString: databaseUrl, schema, max: 10 };
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  return {
    kind: "postgres",
    createQueue(name) {
      const queue = new PgQueue(name, { connection }) as unknown as Queue;
      queues.push(queue);
      return queue;
    },
    createWorker(name, processor, options) {
      const worker = new PgWorker(name, processor as Processor<unknown, unknown, string>, {
        connection,
        concurrency: options.concurrency,
        ...lockTiming(options.lockDuration),
      }) as unknown as Worker;
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await Promise.allSettled(queues.map((queue) => queue.close()));
    },
  };
}

export type { Job };

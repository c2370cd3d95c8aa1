/**
 * What the engine bench compares Specwave with, on the same Redis (and PostgreSQL) in the same
 * run: raw BullMQ, and the least any design can do that records each step in PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { groupCommit } from "../../server/engine/group-commit";
import { dependentsOf, queueRanks } from "../../server/engine/queue-ranks";
import type { RunTimings } from "./timings";

const connect = (redisUrl: string) => new Redis(redisUrl, { maxRetriesPerRequest: null });

/** A promise that resolves once `tick` has been called `count` times. */
function countdown(count: number): { tick: () => void; done: Promise<void> } {
  let left = count;
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((settle) => {
    resolve = settle;
  });
  return {
    tick: () => {
      left -= 1;
      if (left === 0) resolve();
    },
    done,
  };
}

/** A `Worker` at `concurrency` on each queue, each with its own connection; `work` is told the queue's position. */
function startWorkers(
  redisUrl: string,
  prefix: string,
  queues: Queue[],
  concurrency: number,
  work: (data: unknown, position: number) => Promise<void>,
): Worker[] {
  return queues.map(
    (queue, position) =>
      new Worker(queue.name, (job) => work(job.data, position), {
        connection: connect(redisUrl),
        prefix,
        concurrency,
      }),
  );
}

async function dispose(workers: Worker[], queues: Queue[], connection: Redis) {
  await Promise.all(workers.map((worker) => worker.close()));
  for (const queue of queues) {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  connection.disconnect();
}

/** `jobs` no-op jobs added first, then one `Worker` at `concurrency`, `removeOnComplete` like Specwave's. */
export async function rawBullmqJobsPerSecond(
  redisUrl: string,
  jobs: number,
  concurrency: number,
): Promise<number> {
  const prefix = `benchraw${randomBytes(4).toString("hex")}`;
  const connection = connect(redisUrl);
  const queue = new Queue("raw", { connection, prefix });
  await queue.addBulk(
    Array.from({ length: jobs }, (_, index) => ({
      name: "noop",
      data: { index },
      opts: { jobId: `job-${index}`, removeOnComplete: true, removeOnFail: true },
    })),
  );
  const all = countdown(jobs);
  const started = performance.now();
  const workers = startWorkers(redisUrl, prefix, [queue], concurrency, async () => undefined);
  for (const worker of workers) worker.on("completed", all.tick);
  await all.done;
  const perSecond = jobs / ((performance.now() - started) / 1000);
  await dispose(workers, [queue], connection);
  return perSecond;
}

/**
 * The least any design can do that runs each step as a BullMQ job and records it in PostgreSQL:
 * three queues at `concurrency` and `items` items of three steps, like the bench's spec, but each
 * step's claim and completion is a one-row update of a bare table (group-committed, like
 * Specwave's), with no attempts, events, notices, dependencies or waves, and every item ready at
 * the start. Its rate is a ceiling for Specwave's on this machine.
 */
export async function minimalDurableStepsPerSecond(
  redisUrl: string,
  databaseUrl: string,
  items: number,
  concurrency: number,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE bench_step (id text PRIMARY KEY, item int, pos int, status text,
    "startedAt" timestamptz, "finishedAt" timestamptz)`);
  await pool.query(
    `INSERT INTO bench_step SELECT i || '-' || p, i, p, CASE WHEN p = 0 THEN 'queued' ELSE 'pending' END
     FROM generate_series(1, $1) i, generate_series(0, 2) p`,
    [items],
  );
  const grouped = (text: string) =>
    groupCommit<string, void>(
      async (ids) => {
        await pool.query({ name: text.slice(0, 12), text, values: [ids] });
        return ids.map(() => undefined);
      },
      { key: (id) => id, max: 64, inFlight: 2 },
    );
  const claim = grouped(
    `UPDATE bench_step SET status = 'running', "startedAt" = now() WHERE id = ANY($1) AND status = 'queued'`,
  );
  const complete = grouped(
    `WITH done AS (UPDATE bench_step SET status = 'succeeded', "finishedAt" = now()
       WHERE id = ANY($1) AND status = 'running' RETURNING item, pos)
     UPDATE bench_step n SET status = 'queued' FROM done WHERE n.item = done.item AND n.pos = done.pos + 1`,
  );
  const prefix = `benchmin${randomBytes(4).toString("hex")}`;
  const connection = connect(redisUrl);
  const queues = ["a", "b", "c"].map((name) => new Queue(name, { connection, prefix }));
  const options = (item: number, pos: number) => ({ jobId: `${item}-${pos}`, removeOnComplete: true });
  await queues[0]?.addBulk(
    Array.from({ length: items }, (_, index) => ({
      name: "step",
      data: { item: index + 1, pos: 0 },
      opts: options(index + 1, 0),
    })),
  );
  const all = countdown(items * 3);
  const started = performance.now();
  const workers = startWorkers(redisUrl, prefix, queues, concurrency, async (data, pos) => {
    const { item } = data as { item: number };
    await claim.submit(`${item}-${pos}`);
    await complete.submit(`${item}-${pos}`);
    const next = queues[pos + 1];
    if (next) await next.add("step", { item, pos: pos + 1 }, options(item, pos + 1));
    all.tick();
  });
  await all.done;
  const perSecond = (items * 3) / ((performance.now() - started) / 1000);
  await dispose(workers, queues, connection);
  await pool.query("DROP TABLE bench_step");
  await pool.end();
  return perSecond;
}

/**
 * The same plan as Specwave's run on raw BullMQ with nothing durable: each item's three steps on
 * three queues at `concurrency` (the first two wait `agentMs`, verification none, as with the
 * bench's no-op agent), dependencies counted in this process's memory, jobs ranked as Specwave
 * ranks them (`queueRanks`), the next job added once a step's work ended. Its timings, analysed
 * like Specwave's, are what the plan's shape and BullMQ allow on this machine before anything is
 * recorded. With `order: "dependents-first"` the deepest items go first instead (a dependent
 * ahead of every item that was ready before it): the other way to rank, which gives up the
 * critical path for the dependents' wait.
 */
export async function rawBullmqPipeline(
  redisUrl: string,
  dependencies: Map<string, string[]>,
  agentMs: number,
  concurrency: number,
  order: "critical-path" | "dependents-first" = "critical-path",
): Promise<RunTimings> {
  const prefix = `benchpipe${randomBytes(4).toString("hex")}`;
  const connection = connect(redisUrl);
  const kinds = ["test-author", "implement", "verify"];
  const queues = kinds.map((name) => new Queue(name, { connection, prefix }));
  type Step = RunTimings["steps"][number];
  const steps = new Map<string, Step>();
  const left = new Map<string, number>();
  const items = [...dependencies].map(([id, dependsOn]) => ({ id, dependsOn, steps: kinds.length }));
  const dependents = dependentsOf(items);
  for (const [key, deps] of dependencies) {
    left.set(key, deps.length);
    kinds.forEach((kind, position) => {
      steps.set(`${key}:${position}`, {
        storyKey: key,
        kind,
        queue: kind,
        position,
        status: "pending",
        queuedAt: Number.NaN,
        startedAt: Number.NaN,
        finishedAt: Number.NaN,
      });
    });
  }
  const depth = new Map<string, number>();
  const waveOf = (key: string): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    const value = Math.max(-1, ...(dependencies.get(key) ?? []).map(waveOf)) + 1;
    depth.set(key, value);
    return value;
  };
  const deepest = Math.max(0, ...[...dependencies.keys()].map(waveOf));
  // Specwave's queue order: the longest chain of work still to come first.
  const ranks =
    order === "critical-path"
      ? queueRanks(items, dependents)
      : new Map([...dependencies.keys()].map((key) => [key, deepest - waveOf(key) + 1]));
  const job = (key: string, position: number) => {
    const step = steps.get(`${key}:${position}`);
    if (step) step.queuedAt = Date.now();
    return {
      name: "step",
      data: { key, position },
      opts: {
        jobId: `${key}-${position}`,
        removeOnComplete: true,
        removeOnFail: true,
        priority: ranks.get(key) ?? 1,
      },
    };
  };
  const all = countdown(steps.size);
  let failure: unknown;
  const handOff = async (key: string, position: number) => {
    const next = queues[position + 1];
    if (next) await next.addBulk([job(key, position + 1)]);
    else
      for (const dependent of dependents.get(key) ?? []) {
        const count = (left.get(dependent) ?? 0) - 1;
        left.set(dependent, count);
        if (count === 0) await queues[0]?.addBulk([job(dependent, 0)]);
      }
    all.tick();
  };
  const roots = [...dependencies].filter(([, deps]) => deps.length === 0).map(([key]) => job(key, 0));
  const started = Date.now();
  await queues[0]?.addBulk(roots);
  const workers = startWorkers(redisUrl, prefix, queues, concurrency, async (data, position) => {
    const { key } = data as { key: string };
    const step = steps.get(`${key}:${position}`);
    if (!step) return;
    step.startedAt = Date.now();
    if (position < 2 && agentMs > 0) await new Promise((resolve) => setTimeout(resolve, agentMs));
    step.finishedAt = Date.now();
    step.status = "succeeded";
    handOff(key, position).catch((error: unknown) => {
      failure = error;
      all.tick();
    });
  });
  await all.done;
  await dispose(workers, queues, connection);
  const finishes = [...steps.values()].map((step) => step.finishedAt);
  return {
    status: failure ? "failed" : "succeeded",
    error: failure ? String(failure) : null,
    makespanMs: Math.max(...finishes) - started,
    setupMs: 0,
    steps: [...steps.values()],
    stories: [...dependencies].map(([key, dependsOn]) => ({ key, waveIndex: waveOf(key), dependsOn })),
  };
}

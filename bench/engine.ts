/**
 * Engine benchmark: `npx tsx bench/engine.ts`. Prints numbers and whether they meet the issue's
 * targets; asserts nothing about time (tests never do). Runs against this machine's Redis with a
 * random queue prefix and a fresh database, with the worker as a separate process (as in
 * production) so its peak memory can be read from /proc.
 *
 * 1. Throughput: 1,000 items in 10 waves, no-op agent (0 ms), approval automatic; completed steps
 *    per second, next to raw BullMQ jobs per second (no-op processor, concurrency 10) on the same
 *    Redis in the same process run.
 * 2. Dispatch latency, from the steps' timestamps: a story's dependencies finishing (in waves mode
 *    also the previous wave finishing, since that is when the story becomes ready) → its first
 *    step starting.
 * 3. Eager makespan over its lower bound, with a 50 ms agent.
 * 4. Peak RSS (VmHWM) of the worker process.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { buildWorker, workerBundle, workerNodeFlags } from "../scripts/build-worker";
import { parseConfig } from "../server/config/env";
import { testServices } from "../server/config/test-env";
import type { Db } from "../server/db/client";
import { groupCommit } from "../server/engine/group-commit";
import { startRun } from "../server/engine/run-start";
import type { RunSettingsInput } from "../server/engine/types";
import { demoProjectId, ensureDemoProject } from "../server/projects/projects";
import { storeSpec } from "../server/projects/specs";
import { connectServices, type Services } from "../server/runtime/services";
import {
  killAllChildren,
  type SpecwaveProcess,
  spawnSpecwaveProcess,
  specwaveChildEnv,
} from "../server/testing/chaos/child-processes";
import { generatedExecSpec } from "../server/testing/chaos/generated-spec";
import { createTestDatabase } from "../server/testing/databases";

/** `--items N` for a quicker look; `--profile DIR` writes the worker's CPU profiles there. */
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const ITEMS = Number(argument("--items") ?? 1000);
const profile = argument("--profile");
const WAVES = 10;
const CONCURRENCY = 10;
const EAGER_AGENT_MS = 50;
const RAW_JOBS = 5000;
/** Items in the chain run (each depends on the one before). */
const CHAIN = 100;

interface Row {
  name: string;
  value: string;
  target: string;
  pass: boolean | null;
}
const rows: Row[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** "n/a" when there were no samples (a run that stopped before any dependent started). */
const millis = (value: number) => (Number.isFinite(value) ? `${value} ms` : "n/a");

/** CPU time (user + system) a process has used so far, from /proc/<pid>/stat, in ms. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (ms) used so far by every process with one of these names (PostgreSQL's backends, Redis). */
async function serviceCpuMs(names: string[]): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, "utf8").catch(() => "");
    if (!names.includes(comm.trim())) continue;
    total += await cpuMs(Number(entry)).catch(() => 0);
  }
  return total;
}

interface CpuUse {
  worker: number;
  postgres: number;
  redis: number;
  bench: number;
  wallMs: number;
}

async function cpuSnapshot(workerPid: number | undefined): Promise<CpuUse> {
  const usage = process.cpuUsage();
  return {
    worker: workerPid ? await cpuMs(workerPid) : 0,
    postgres: await serviceCpuMs(["postgres"]),
    redis: await serviceCpuMs(["redis-server"]),
    bench: (usage.user + usage.system) / 1000,
    wallMs: performance.now(),
  };
}

async function cpuSince(before: CpuUse, workerPid: number | undefined): Promise<CpuUse> {
  const now = await cpuSnapshot(workerPid);
  return {
    worker: now.worker - before.worker,
    postgres: now.postgres - before.postgres,
    redis: now.redis - before.redis,
    bench: now.bench - before.bench,
    wallMs: now.wallMs - before.wallMs,
  };
}

/** Where the machine's CPU went, per step (the web side here is this process, which also plans and reads back). */
function cpuLine(used: CpuUse, steps: number): string {
  const perStep = (ms: number) => (ms / Math.max(1, steps)).toFixed(2);
  const cores = (used.worker + used.postgres + used.redis + used.bench) / used.wallMs;
  return (
    `  CPU a step: worker ${perStep(used.worker)} ms, PostgreSQL ${perStep(used.postgres)} ms, ` +
    `Redis ${perStep(used.redis)} ms, this process ${perStep(used.bench)} ms; ${cores.toFixed(2)} cores busy on average`
  );
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function waitForRunEnd(db: Db, runId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface RunTimings {
  status: string;
  error: string | null;
  makespanMs: number;
  steps: {
    storyKey: string;
    kind: string;
    queue: string;
    position: number;
    status: string;
    queuedAt: number;
    startedAt: number;
    finishedAt: number;
  }[];
  stories: { key: string; waveIndex: number; dependsOn: string[] }[];
}

async function runSpec(
  services: Services,
  settings: RunSettingsInput,
  label: string,
  shape: { items: number; phases: number } = { items: ITEMS, phases: WAVES },
): Promise<RunTimings> {
  const spec = generatedExecSpec({ ...shape, name: `EXEC-SPEC-BENCH-${label}` });
  const stored = await storeSpec(services.db, { projectId: demoProjectId, name: spec.name, files: [spec] });
  const { runId } = await startRun(services, { specId: stored.id, settings });
  const run = await waitForRunEnd(services.db, runId, 30 * 60_000);
  const stories = await services.db.story.findMany({
    where: { runId },
    include: { wave: { select: { index: true } }, steps: true },
  });
  const ms = (date: Date | null) => date?.getTime() ?? Number.NaN;
  const steps = stories.flatMap((story) =>
    story.steps.map((step) => ({
      storyKey: story.key,
      kind: step.kind,
      queue: step.queue,
      position: step.position,
      status: step.status,
      queuedAt: ms(step.queuedAt),
      startedAt: ms(step.startedAt),
      finishedAt: ms(step.finishedAt),
    })),
  );
  // Steps that never ran (a failed run stops early) have no timestamps.
  const firstStart = Math.min(...steps.map((step) => step.startedAt).filter(Number.isFinite));
  const lastFinish = Math.max(...steps.map((step) => step.finishedAt).filter(Number.isFinite));
  return {
    status: run.status,
    error: run.error,
    // From the run's creation (its first wave is dispatched in the same transaction) to the last step.
    makespanMs: Math.max(lastFinish, ms(run.finishedAt)) - Math.min(ms(run.startedAt), firstStart),
    steps,
    stories: stories.map((story) => ({
      key: story.key,
      waveIndex: story.wave.index,
      dependsOn: story.dependsOn,
    })),
  };
}

/**
 * Ready time of each story (dependencies done, and in waves mode the previous wave done) → first
 * step start; `slotFree` when, at its ready time, its queue had a slot free and no step waiting,
 * so the latency is the engine's own and not a wait behind other items.
 */
function dispatchLatencies(run: RunTimings, waitsForWave: boolean): { ms: number; slotFree: boolean }[] {
  const finishOf = new Map<string, number>();
  const first = new Map<string, RunTimings["steps"][number]>();
  for (const step of run.steps) {
    finishOf.set(step.storyKey, Math.max(finishOf.get(step.storyKey) ?? 0, step.finishedAt));
    if (step.position === 0) first.set(step.storyKey, step);
  }
  const waveEnd = new Map<number, number>();
  for (const story of run.stories) {
    waveEnd.set(story.waveIndex, Math.max(waveEnd.get(story.waveIndex) ?? 0, finishOf.get(story.key) ?? 0));
  }
  const slotFreeAt = (queue: string, at: number) => {
    let running = 0;
    for (const step of run.steps) {
      if (step.queue !== queue) continue;
      if (step.queuedAt < at && at < step.startedAt) return false;
      if (step.startedAt <= at && at < step.finishedAt) running++;
    }
    return running < CONCURRENCY;
  };
  const latencies: { ms: number; slotFree: boolean }[] = [];
  for (const story of run.stories) {
    if (story.dependsOn.length === 0) continue;
    let ready = Math.max(...story.dependsOn.map((dep) => finishOf.get(dep) ?? Number.NaN));
    if (waitsForWave && story.waveIndex > 0) ready = Math.max(ready, waveEnd.get(story.waveIndex - 1) ?? 0);
    const step = first.get(story.key);
    if (step && Number.isFinite(step.startedAt) && Number.isFinite(ready))
      latencies.push({ ms: step.startedAt - ready, slotFree: slotFreeAt(step.queue, ready) });
  }
  return latencies.sort((a, b) => a.ms - b.ms);
}

/** Dispatch latency of the stories whose queue had a slot free when they became ready (informational). */
function slotFreeRows(label: string, dispatches: { ms: number; slotFree: boolean }[]): Row[] {
  const free = dispatches.filter((dispatch) => dispatch.slotFree).map((dispatch) => dispatch.ms);
  return [
    {
      name: `${label}: … slot free p50 (${free.length})`,
      value: millis(percentile(free, 50)),
      target: "-",
      pass: null,
    },
    { name: `${label}: … slot free p99`, value: millis(percentile(free, 99)), target: "-", pass: null },
  ];
}

/** A step finishing → the next step of the same story starting (the pipeline's own hand-off). */
function handoffLatencies(run: RunTimings): number[] {
  const byStory = new Map<string, RunTimings["steps"]>();
  for (const step of run.steps) byStory.set(step.storyKey, [...(byStory.get(step.storyKey) ?? []), step]);
  const latencies: number[] = [];
  for (const steps of byStory.values()) {
    steps.sort((a, b) => a.position - b.position);
    for (let index = 1; index < steps.length; index++) {
      const previous = steps[index - 1];
      const next = steps[index];
      if (previous && next && Number.isFinite(previous.finishedAt) && Number.isFinite(next.startedAt)) {
        latencies.push(next.startedAt - previous.finishedAt);
      }
    }
  }
  return latencies.sort((a, b) => a - b);
}

/**
 * Where each queue's slot time went, from the steps' timestamps: all slots busy; a slot free while
 * a queued step waited (the engine's own overhead between steps); a slot free with nothing queued
 * (the pipeline had no ready work for it). Shares of the run's makespan, averaged over the slots.
 */
function slotUse(run: RunTimings): string {
  const start = Math.min(...run.steps.map((step) => step.queuedAt).filter(Number.isFinite));
  const end = Math.max(...run.steps.map((step) => step.finishedAt).filter(Number.isFinite));
  const lines: string[] = [];
  for (const queue of [...new Set(run.steps.map((step) => step.queue))].sort()) {
    const steps = run.steps.filter((step) => step.queue === queue && Number.isFinite(step.finishedAt));
    let busy = 0;
    let waiting = 0;
    let starved = 0;
    for (let t = start; t < end; t += 1) {
      let running = 0;
      let queued = 0;
      for (const step of steps) {
        if (step.startedAt <= t && t < step.finishedAt) running++;
        else if (step.queuedAt <= t && t < step.startedAt) queued++;
      }
      const free = CONCURRENCY - Math.min(CONCURRENCY, running);
      busy += CONCURRENCY - free;
      if (queued > 0) waiting += Math.min(free, queued);
      starved += free - (queued > 0 ? Math.min(free, queued) : 0);
    }
    const share = (value: number) => `${((100 * value) / ((end - start) * CONCURRENCY)).toFixed(0)}%`;
    lines.push(
      `${queue}: busy ${share(busy)}, free with a step waiting ${share(waiting)}, free with none ${share(starved)}`,
    );
  }
  return `  slot time: ${lines.join("; ")}`;
}

/** max(critical path, work per queue / concurrency), counting each step as the agent's duration. */
function makespanLowerBound(
  run: RunTimings,
  stepMs: number,
): { bound: number; criticalPath: number; work: number } {
  const stepsPerStory = new Map<string, number>();
  const workPerQueue = new Map<string, number>();
  for (const step of run.steps) {
    stepsPerStory.set(step.storyKey, (stepsPerStory.get(step.storyKey) ?? 0) + 1);
    workPerQueue.set(step.queue, (workPerQueue.get(step.queue) ?? 0) + stepMs);
  }
  const byKey = new Map(run.stories.map((story) => [story.key, story]));
  const longest = new Map<string, number>();
  const chain = (key: string): number => {
    const known = longest.get(key);
    if (known !== undefined) return known;
    const story = byKey.get(key);
    const own = (stepsPerStory.get(key) ?? 0) * stepMs;
    const value = own + Math.max(0, ...(story?.dependsOn ?? []).map(chain));
    longest.set(key, value);
    return value;
  };
  const criticalPath = Math.max(...run.stories.map((story) => chain(story.key)));
  const work = [...workPerQueue.values()].reduce((sum, value) => sum + value, 0);
  const perQueue = Math.max(...[...workPerQueue.values()].map((value) => value / CONCURRENCY));
  return { bound: Math.max(criticalPath, perQueue), criticalPath, work };
}

async function rawBullmqJobsPerSecond(redisUrl: string): Promise<number> {
  const prefix = `benchraw${randomBytes(4).toString("hex")}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("raw", { connection, prefix });
  await queue.addBulk(
    Array.from({ length: RAW_JOBS }, (_, index) => ({
      name: "noop",
      data: { index },
      opts: { jobId: `job-${index}`, removeOnComplete: true, removeOnFail: true },
    })),
  );
  let done = 0;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const started = performance.now();
  const worker = new Worker("raw", async () => undefined, {
    connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
    prefix,
    concurrency: CONCURRENCY,
  });
  worker.on("completed", () => {
    done++;
    if (done === RAW_JOBS) finished();
  });
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  connection.disconnect();
  return RAW_JOBS / seconds;
}

/**
 * The least any design can do that runs each step as a BullMQ job and records it in PostgreSQL:
 * the same three queues at concurrency 10 and the same 1,000 items of three steps, but each step's
 * claim and completion is a one-row update of a bare table (group-committed, like Specwave's), with
 * no attempts, events, notices, dependencies or waves, and every item ready at the start. Its rate
 * is a ceiling for Specwave's on this machine, measured in the same run on the same services.
 */
async function minimalDurableStepsPerSecond(redisUrl: string, databaseUrl: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE TABLE bench_step (id text PRIMARY KEY, item int, pos int, status text,
    "startedAt" timestamptz, "finishedAt" timestamptz)`);
  await pool.query(
    `INSERT INTO bench_step SELECT i || '-' || p, i, p, CASE WHEN p = 0 THEN 'queued' ELSE 'pending' END
     FROM generate_series(1, $1) i, generate_series(0, 2) p`,
    [ITEMS],
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
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = ["a", "b", "c"].map((name) => new Queue(name, { connection, prefix }));
  const options = (item: number, pos: number) => ({ jobId: `${item}-${pos}`, removeOnComplete: true });
  await queues[0]?.addBulk(
    Array.from({ length: ITEMS }, (_, index) => ({
      name: "step",
      data: { item: index + 1, pos: 0 },
      opts: options(index + 1, 0),
    })),
  );
  let done = 0;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const started = performance.now();
  const workers = queues.map(
    (queue, pos) =>
      new Worker(
        queue.name,
        async (job) => {
          const { item } = job.data as { item: number };
          await claim.submit(`${item}-${pos}`);
          await complete.submit(`${item}-${pos}`);
          const next = queues[pos + 1];
          if (next) await next.add("step", { item, pos: pos + 1 }, options(item, pos + 1));
          if (++done === ITEMS * 3) finished();
        },
        { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY },
      ),
  );
  await allDone;
  const perSecond = (ITEMS * 3) / ((performance.now() - started) / 1000);
  await Promise.all(workers.map((worker) => worker.close()));
  for (const queue of queues) {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  connection.disconnect();
  await pool.query("DROP TABLE bench_step");
  await pool.end();
  return perSecond;
}

async function main() {
  const database = await createTestDatabase("bench");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "specwave-bench-"));
  const settings: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: testServices.redisUrl,
    SPECWAVE_DATA_DIR: dataDir,
    SPECWAVE_QUEUE_PREFIX: `bench${randomBytes(4).toString("hex")}`,
    SPECWAVE_AGENT: "noop",
    SPECWAVE_DEMO_AGENT_MS: "0",
    SPECWAVE_CONCURRENCY: String(CONCURRENCY),
  };
  const services = await connectServices(parseConfig({ ...settings, LOG_LEVEL: "warn" }));
  let worker: SpecwaveProcess | undefined;
  const peaks: number[] = [];
  // The worker runs as in production: the built bundle under plain node (see scripts/start.ts).
  await buildWorker(process.cwd());
  const startWorker = async (agentMs: number) => {
    if (worker) {
      peaks.push(await peakRssMb(worker.pid));
      await worker.stop();
    }
    worker = await spawnSpecwaveProcess(
      workerBundle,
      specwaveChildEnv({ ...settings, SPECWAVE_DEMO_AGENT_MS: String(agentMs) }),
      /"workers ready"/,
      { nodeArgs: [...workerNodeFlags, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])] },
    );
    return worker;
  };
  try {
    await ensureDemoProject(services.db, dataDir);
    say(`Specwave engine benchmark: ${ITEMS} items in ${WAVES} waves, concurrency ${CONCURRENCY} per queue`);

    // 1 + 2: throughput and dispatch latency with the no-op agent, in waves mode (the default:
    // each wave's gates run before the next wave starts) and in eager mode (dependencies only).
    await startWorker(0);
    const rawPerSecond = await rawBullmqJobsPerSecond(testServices.redisUrl);
    rows.push({ name: "raw BullMQ jobs/s", value: rawPerSecond.toFixed(0), target: "-", pass: null });
    const minimal = await minimalDurableStepsPerSecond(testServices.redisUrl, database.url);
    rows.push({
      name: "minimal durable steps/s (ceiling)",
      value: `${minimal.toFixed(0)} (${(minimal / rawPerSecond).toFixed(3)})`,
      target: "-",
      pass: null,
    });
    for (const mode of ["waves", "eager"] as const) {
      const before = await cpuSnapshot(worker?.pid);
      const run = await runSpec(services, { mode, approval: "automatic" }, `${mode.toUpperCase()}-NOOP`);
      const used = await cpuSince(before, worker?.pid);
      const cpu = used.worker;
      const completed = run.steps.filter((step) => step.status === "succeeded").length;
      const stepsPerSecond = completed / (run.makespanMs / 1000);
      say(
        `${mode} run (no-op agent): ${run.status}${run.error ? ` (${run.error})` : ""}, ` +
          `${completed} of ${run.steps.length} steps succeeded in ${run.makespanMs} ms; ` +
          `worker CPU ${(cpu / Math.max(1, completed)).toFixed(2)} ms a step`,
      );
      say(cpuLine(used, completed));
      const ok = run.status === "succeeded";
      const ratio = stepsPerSecond / rawPerSecond;
      rows.push(
        { name: `${mode}: Specwave steps/s`, value: stepsPerSecond.toFixed(0), target: "-", pass: null },
        {
          name: `${mode}: ratio to raw`,
          value: ratio.toFixed(3),
          target: ">= 0.30",
          pass: ok && ratio >= 0.3,
        },
      );
      // In eager mode a story waits for its own dependencies only: that is the dispatch latency.
      // In waves mode it also waits for the previous wave's gates, reported as the wave hand-over.
      const dispatches = dispatchLatencies(run, mode === "waves");
      const latencies = dispatches.map((dispatch) => dispatch.ms);
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);
      const label = mode === "eager" ? "dispatch" : "wave hand-over";
      const target = mode === "eager";
      rows.push(
        {
          name: `${mode}: ${label} p50 (${latencies.length})`,
          value: millis(p50),
          target: target ? "< 10 ms" : "-",
          pass: target ? ok && p50 < 10 : null,
        },
        {
          name: `${mode}: ${label} p99`,
          value: millis(p99),
          target: target ? "< 50 ms" : "-",
          pass: target ? ok && p99 < 50 : null,
        },
      );
      if (mode === "eager") rows.push(...slotFreeRows("eager", dispatches));
      const handoffs = handoffLatencies(run);
      rows.push(
        {
          name: `${mode}: step hand-off p50`,
          value: millis(percentile(handoffs, 50)),
          target: "-",
          pass: null,
        },
        {
          name: `${mode}: step hand-off p99`,
          value: millis(percentile(handoffs, 99)),
          target: "-",
          pass: null,
        },
      );
    }

    // 2b: the engine's own dispatch latency, where no item waits behind another: a chain of
    // CHAIN items, each depending on the one before, so every dependent finds its slots free.
    {
      const chain = await runSpec(services, { mode: "eager", approval: "automatic" }, "CHAIN", {
        items: CHAIN,
        phases: CHAIN,
      });
      const latencies = dispatchLatencies(chain, false).map((dispatch) => dispatch.ms);
      const handoffs = handoffLatencies(chain);
      say(
        `chain of ${CHAIN} (no-op agent, eager): ${chain.status}; dispatch p50 ${millis(percentile(latencies, 50))}, ` +
          `p99 ${millis(percentile(latencies, 99))}; step hand-off p50 ${millis(percentile(handoffs, 50))}, ` +
          `p99 ${millis(percentile(handoffs, 99))}`,
      );
      rows.push(
        {
          name: `chain: dispatch p50 (${latencies.length})`,
          value: millis(percentile(latencies, 50)),
          target: "-",
          pass: null,
        },
        { name: "chain: dispatch p99", value: millis(percentile(latencies, 99)), target: "-", pass: null },
      );
    }

    // 3: eager makespan with a 50 ms agent (waves mode, labelled, when eager is not accepted).
    await startWorker(EAGER_AGENT_MS);
    let mode: "eager" | "waves" = "eager";
    let eager: RunTimings;
    try {
      const before = await cpuSnapshot(worker?.pid);
      eager = await runSpec(services, { mode: "eager", approval: "automatic" }, "EAGER");
      say(cpuLine(await cpuSince(before, worker?.pid), eager.steps.length));
    } catch (error) {
      say(`eager: not available (${error instanceof Error ? error.message : String(error)})`);
      mode = "waves";
      eager = await runSpec(services, { mode: "waves", approval: "automatic" }, "EAGER-FALLBACK");
    }
    const bound = makespanLowerBound(eager, EAGER_AGENT_MS);
    const factor = eager.makespanMs / bound.bound;
    say(
      `${mode} run (${EAGER_AGENT_MS} ms agent): ${eager.status}${eager.error ? ` (${eager.error})` : ""}, makespan ${eager.makespanMs} ms; ` +
        `critical path ${bound.criticalPath} ms, work ${bound.work} ms over ${CONCURRENCY} per queue, bound ${bound.bound} ms`,
    );
    const durations = eager.steps
      .map((step) => step.finishedAt - step.startedAt)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const eagerHandoffs = handoffLatencies(eager);
    say(
      `  a step's claim → finish: p50 ${millis(percentile(durations, 50))}, p99 ${millis(percentile(durations, 99))}; ` +
        `finish → next step's start: p50 ${millis(percentile(eagerHandoffs, 50))}, p99 ${millis(percentile(eagerHandoffs, 99))}`,
    );
    say(slotUse(eager));
    const eagerDispatches = dispatchLatencies(eager, mode === "waves");
    const eagerLatencies = eagerDispatches.map((dispatch) => dispatch.ms);
    rows.push(
      {
        name: `${mode} 50 ms: dispatch p50`,
        value: millis(percentile(eagerLatencies, 50)),
        target: "-",
        pass: null,
      },
      {
        name: `${mode} 50 ms: dispatch p99`,
        value: millis(percentile(eagerLatencies, 99)),
        target: "-",
        pass: null,
      },
      ...slotFreeRows(`${mode} 50 ms`, eagerDispatches),
    );
    // The same run without its setup (creating its rows): first step queued → last step finished.
    const firstQueued = Math.min(...eager.steps.map((step) => step.queuedAt).filter(Number.isFinite));
    const lastFinish = Math.max(...eager.steps.map((step) => step.finishedAt).filter(Number.isFinite));
    rows.push(
      {
        name: `${mode} makespan / bound`,
        value: factor.toFixed(3),
        target: "<= 1.05",
        pass: eager.status === "succeeded" && mode === "eager" && factor <= 1.05,
      },
      {
        name: `${mode} schedule / bound (no setup)`,
        value: ((lastFinish - firstQueued) / bound.bound).toFixed(3),
        target: "-",
        pass: null,
      },
      {
        name: `${mode} run setup (start → queued)`,
        value: millis(eager.makespanMs - (lastFinish - firstQueued)),
        target: "-",
        pass: null,
      },
    );

    // 4: the worker's peak resident memory over all phases.
    if (worker) peaks.push(await peakRssMb(worker.pid));
    const peak = Math.max(...peaks);
    rows.push({
      name: "worker peak RSS (VmHWM)",
      value: `${peak.toFixed(0)} MB`,
      target: "< 200 MB",
      pass: peak < 200,
    });

    say("");
    say(`${"measure".padEnd(36)}${"value".padStart(12)}  ${"target".padEnd(10)}result`);
    for (const row of rows) {
      const result = row.pass === null ? "" : row.pass ? "pass" : "miss";
      say(`${row.name.padEnd(36)}${row.value.padStart(12)}  ${row.target.padEnd(10)}${result}`);
    }
  } finally {
    await worker?.stop().catch(() => undefined);
    await killAllChildren();
    await services.close();
    await database.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
// BullMQ's and Prisma's pools keep handles open after close; the numbers are printed.
process.exit(0);

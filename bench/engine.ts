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
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildWorker, workerBundle, workerNodeFlags } from "../scripts/build-worker";
import { parseConfig } from "../server/config/env";
import { testServices } from "../server/config/test-env";
import type { Db } from "../server/db/client";
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
import { declaredDependencies, generatedExecSpec } from "../server/testing/chaos/generated-spec";
import { createTestDatabase } from "../server/testing/databases";
import { minimalDurableStepsPerSecond, rawBullmqJobsPerSecond, rawBullmqPipeline } from "./engine/baselines";
import { cpuLine, cpuSince, cpuSnapshot, peakRssMb } from "./engine/process-stats";
import {
  dispatchLatencies,
  handoffLatencies,
  makespanLowerBound,
  millis,
  percentile,
  percentileRows,
  type Row,
  type RunTimings,
  slotFreeLatencies,
  slotUse,
} from "./engine/timings";

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
/** The longer agent's run: fewer items, each agent step this long. */
const LONG_ITEMS = 300;
const LONG_AGENT_MS = 250;
/** Items in the chain run (each depends on the one before). */
const CHAIN = 100;

const rows: Row[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

async function waitForRunEnd(db: Db, runId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
  const earliest = (values: number[]) => Math.min(...values.filter(Number.isFinite));
  const firstStart = earliest(steps.map((step) => step.startedAt));
  const lastFinish = Math.max(...steps.map((step) => step.finishedAt).filter(Number.isFinite));
  const runStart = Math.min(ms(run.startedAt), firstStart);
  return {
    status: run.status,
    error: run.error,
    // From the run's creation (its first wave is dispatched in the same transaction) to the last step.
    makespanMs: Math.max(lastFinish, ms(run.finishedAt)) - runStart,
    setupMs: earliest(steps.map((step) => step.queuedAt)) - runStart,
    steps,
    stories: stories.map((story) => ({
      key: story.key,
      waveIndex: story.wave.index,
      dependsOn: story.dependsOn,
    })),
  };
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
    const rawPerSecond = await rawBullmqJobsPerSecond(testServices.redisUrl, RAW_JOBS, CONCURRENCY);
    rows.push({ name: "raw BullMQ jobs/s", value: rawPerSecond.toFixed(0), target: "-", pass: null });
    const minimal = await minimalDurableStepsPerSecond(
      testServices.redisUrl,
      database.url,
      ITEMS,
      CONCURRENCY,
    );
    rows.push({
      name: "minimal durable steps/s (ceiling)",
      value: `${minimal.toFixed(0)} (${(minimal / rawPerSecond).toFixed(3)})`,
      target: "-",
      pass: null,
    });
    // What the plan's shape and BullMQ alone allow here: the same plan, nothing recorded.
    const plan = declaredDependencies(generatedExecSpec({ items: ITEMS, phases: WAVES }));
    // Ranked as Specwave ranks (the critical path first), then with the deepest items first: the
    // order that puts a dependent ahead of the items ready before it, for its dispatch latency.
    const orders = [
      ["critical-path", ""],
      ["dependents-first", ", dependents first"],
    ] as const;
    for (const [order, suffix] of orders)
      for (const agentMs of [0, EAGER_AGENT_MS]) {
        const pipeline = await rawBullmqPipeline(testServices.redisUrl, plan, agentMs, CONCURRENCY, order);
        const ok = pipeline.status === "succeeded";
        const label = `raw pipeline ${agentMs} ms${suffix}`;
        say(
          `${label}: ${pipeline.status}${pipeline.error ? ` (${pipeline.error})` : ""}, ${pipeline.makespanMs} ms`,
        );
        if (agentMs === 0) {
          const perSecond = pipeline.steps.length / (pipeline.makespanMs / 1000);
          if (order === "critical-path")
            rows.push({
              name: `${label}: steps/s`,
              value: ok ? perSecond.toFixed(0) : "n/a",
              target: "-",
              pass: null,
            });
          rows.push(
            ...percentileRows(
              `${label}: dispatch`,
              dispatchLatencies(pipeline, false, CONCURRENCY).map((dispatch) => dispatch.ms),
            ),
          );
        } else {
          if (order === "critical-path") say(slotUse(pipeline, CONCURRENCY));
          const bound = makespanLowerBound(pipeline, agentMs, CONCURRENCY).bound;
          rows.push({
            name: `${label}: makespan / bound`,
            value: ok ? (pipeline.makespanMs / bound).toFixed(3) : "n/a",
            target: "-",
            pass: null,
          });
        }
      }
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
      const dispatches = dispatchLatencies(run, mode === "waves", CONCURRENCY);
      const latencies = dispatches.map((dispatch) => dispatch.ms);
      if (mode === "eager") {
        rows.push(
          ...percentileRows("eager: dispatch", latencies, { p50: 10, p99: 50, ok }),
          ...percentileRows("eager: … slot free", slotFreeLatencies(dispatches)),
        );
      } else rows.push(...percentileRows(`${mode}: wave hand-over`, latencies));
      rows.push(...percentileRows(`${mode}: step hand-off`, handoffLatencies(run)));
    }

    // 2b: the engine's own dispatch latency, where no item waits behind another: a chain of
    // CHAIN items, each depending on the one before, so every dependent finds its slots free.
    {
      const chain = await runSpec(services, { mode: "eager", approval: "automatic" }, "CHAIN", {
        items: CHAIN,
        phases: CHAIN,
      });
      const latencies = dispatchLatencies(chain, false, CONCURRENCY).map((dispatch) => dispatch.ms);
      const handoffs = handoffLatencies(chain);
      say(
        `chain of ${CHAIN} (no-op agent, eager): ${chain.status}; step hand-off p50 ` +
          `${millis(percentile(handoffs, 50))}, p99 ${millis(percentile(handoffs, 99))}`,
      );
      rows.push(...percentileRows("chain: dispatch", latencies));
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
    const bound = makespanLowerBound(eager, EAGER_AGENT_MS, CONCURRENCY);
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
    say(slotUse(eager, CONCURRENCY));
    const eagerDispatches = dispatchLatencies(eager, mode === "waves", CONCURRENCY);
    rows.push(
      ...percentileRows(
        `${mode} 50 ms: dispatch`,
        eagerDispatches.map((dispatch) => dispatch.ms),
      ),
      ...percentileRows(`${mode} 50 ms: … slot free`, slotFreeLatencies(eagerDispatches)),
    );
    // The same run without its setup (creating its rows): first step queued → last step finished.
    const scheduleMs = eager.makespanMs - eager.setupMs;
    rows.push(
      {
        name: `${mode} makespan / bound`,
        value: factor.toFixed(3),
        target: "<= 1.05",
        pass: eager.status === "succeeded" && mode === "eager" && factor <= 1.05,
      },
      {
        name: `${mode} schedule / bound (no setup)`,
        value: (scheduleMs / bound.bound).toFixed(3),
        target: "-",
        pass: null,
      },
      {
        name: `${mode} run setup (start → queued)`,
        value: millis(eager.setupMs),
        target: "-",
        pass: null,
      },
    );

    // 3b: the same with agents that take longer, so the engine's overhead per step weighs less
    // and the queue order more: what a run of real agents (minutes a step) comes near.
    {
      await startWorker(LONG_AGENT_MS);
      const long = await runSpec(services, { mode: "eager", approval: "automatic" }, "EAGER-LONG", {
        items: LONG_ITEMS,
        phases: WAVES,
      });
      const longBound = makespanLowerBound(long, LONG_AGENT_MS, CONCURRENCY).bound;
      say(
        `eager run (${LONG_ITEMS} items, ${LONG_AGENT_MS} ms agent): ${long.status}, makespan ${long.makespanMs} ms, bound ${longBound} ms`,
      );
      say(slotUse(long, CONCURRENCY));
      rows.push({
        name: `eager ${LONG_AGENT_MS} ms: makespan / bound`,
        value: long.status === "succeeded" ? (long.makespanMs / longBound).toFixed(3) : "n/a",
        target: "-",
        pass: null,
      });
    }

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
    const width = Math.max(36, ...rows.map((row) => row.name.length));
    say(`${"measure".padEnd(width)}${"value".padStart(12)}  ${"target".padEnd(10)}result`);
    for (const row of rows) {
      const result = row.pass === null ? "" : row.pass ? "pass" : "miss";
      say(`${row.name.padEnd(width)}${row.value.padStart(12)}  ${row.target.padEnd(10)}${result}`);
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

import { readdir, readFile } from "node:fs/promises";

/** What the engine bench reads of processes from /proc: CPU time per process and peak memory. */

/** CPU time (user + system) a process has used so far, from /proc/<pid>/stat, in ms. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU time (ms) used so far by every process with one of these names (PostgreSQL's backends, Redis). */
export async function serviceCpuMs(names: string[]): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, "utf8").catch(() => "");
    if (!names.includes(comm.trim())) continue;
    total += await cpuMs(Number(entry)).catch(() => 0);
  }
  return total;
}

export interface CpuUse {
  worker: number;
  postgres: number;
  redis: number;
  bench: number;
  wallMs: number;
}

export async function cpuSnapshot(workerPid: number | undefined): Promise<CpuUse> {
  const usage = process.cpuUsage();
  return {
    worker: workerPid ? await cpuMs(workerPid) : 0,
    postgres: await serviceCpuMs(["postgres"]),
    redis: await serviceCpuMs(["redis-server"]),
    bench: (usage.user + usage.system) / 1000,
    wallMs: performance.now(),
  };
}

export async function cpuSince(before: CpuUse, workerPid: number | undefined): Promise<CpuUse> {
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
export function cpuLine(used: CpuUse, steps: number): string {
  const perStep = (ms: number) => (ms / Math.max(1, steps)).toFixed(2);
  const cores = (used.worker + used.postgres + used.redis + used.bench) / used.wallMs;
  return (
    `  CPU a step: worker ${perStep(used.worker)} ms, PostgreSQL ${perStep(used.postgres)} ms, ` +
    `Redis ${perStep(used.redis)} ms, this process ${perStep(used.bench)} ms; ${cores.toFixed(2)} cores busy on average`
  );
}

export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

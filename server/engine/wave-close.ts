import { inTransaction } from "./sql";
import { commit } from "./transition";
import { activeRunStatusList, type EngineDeps, loadRunContext } from "./types";
import { finishWave } from "./waves";

/**
 * Closes the running waves whose counter reached zero: a story's last step finished in one
 * statement (`finishStatement`) and left the wave's gates to this, in a transaction of its own.
 * The reconciler calls it too, for a wave whose finishing process died in between; closing is
 * guarded by the wave's status, so two callers close a wave once.
 */
export async function closeFinishedWaves(deps: EngineDeps, runId?: string): Promise<number> {
  const jobs = await inTransaction(deps.db, async (sql) => {
    const waves = await sql.query<{ id: string; index: number; gates: string[]; runId: string }>(
      `SELECT w.id, w.index, w.gates, w."runId" FROM "Wave" w JOIN "Run" r ON r.id = w."runId"
       WHERE w.status = 'running' AND w.remaining = 0
         AND r.status IN ${activeRunStatusList}
         AND ($1::text IS NULL OR w."runId" = $1)
       ORDER BY w."runId", w.index`,
      [runId ?? null],
    );
    const all = [];
    for (const wave of waves) {
      const run = await loadRunContext(sql, wave.runId);
      all.push(...(await commit(sql, run.id, await finishWave(sql, run, wave))));
    }
    return all;
  });
  await deps.enqueue(jobs);
  return jobs.length;
}

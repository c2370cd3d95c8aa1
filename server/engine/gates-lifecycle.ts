import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import { inStatement, prismaSql } from "./sql";
import { commit } from "./transition";
import { type EngineDeps, loadRunContext } from "./types";
import { afterGates } from "./waves";

export interface GateOutcome {
  name: string;
  scope: "wave" | "dod";
  status: "passed" | "failed" | "skipped";
  command: string;
  exitCode?: number | null;
  durationMs?: number | null;
  outputTail?: string;
}

export interface WaveGateInfo {
  runId: string;
  waveId: string;
  waveIndex: number;
  isLast: boolean;
  gates: string[];
  specGateCommands: Record<string, string>;
  projectConfig: unknown;
  workspacePath: string;
}

/**
 * What a gate job needs; null when the wave is no longer waiting for its gates. One statement,
 * which reads only the plan's `gates` (a 1,000-item plan is not decompressed and parsed whole).
 */
export async function loadWaveGates(deps: EngineDeps, waveId: string): Promise<WaveGateInfo | null> {
  const [wave] = await inStatement<WaveGateInfo>(
    deps.db,
    `SELECT w."runId", w.id AS "waveId", w.index AS "waveIndex", w.gates,
       NOT EXISTS (SELECT 1 FROM "Wave" n WHERE n."runId" = w."runId" AND n.index > w.index) AS "isLast",
       COALESCE(sp.plan->'gates', '{}'::jsonb) AS "specGateCommands",
       p.config AS "projectConfig", p."workspacePath"
     FROM "Wave" w JOIN "Run" r ON r.id = w."runId" JOIN "Project" p ON p.id = r."projectId"
     JOIN "Spec" sp ON sp.id = r."specId"
     WHERE w.id = $1 AND w.status = 'gating'`,
    [waveId],
  );
  return wave ?? null;
}

/** Stores the gates' results and moves the run on; a gate job delivered twice records once. */
export async function recordGates(deps: EngineDeps, waveId: string, outcomes: GateOutcome[]): Promise<void> {
  const jobs = await deps.db.$transaction(async (tx) => {
    const sql = prismaSql(tx);
    const wave = await tx.wave.findUnique({ where: { id: waveId } });
    if (wave?.status !== "gating") return [];
    await tx.gateResult.createMany({
      data: outcomes.map((gate) => ({
        id: createId("gate"),
        runId: wave.runId,
        waveId,
        scope: gate.scope,
        name: gate.name,
        status: gate.status,
        command: gate.command,
        exitCode: gate.exitCode ?? null,
        durationMs: gate.durationMs ?? null,
        outputTail: (gate.outputTail ?? "").slice(-8000),
      })) satisfies Prisma.GateResultCreateManyInput[],
      skipDuplicates: true,
    });
    const moved = await tx.wave.updateMany({
      where: { id: waveId, status: "gating" },
      data: { status: "running" },
    });
    if (moved.count === 0) return [];
    const run = await loadRunContext(sql, wave.runId);
    const passed = outcomes.every((gate) => gate.status !== "failed");
    const out = await afterGates(sql, run, wave, passed);
    out.events.unshift({
      type: "wave:updated",
      payload: {
        waveId,
        index: wave.index,
        gates: outcomes.map((gate) => ({ name: gate.name, scope: gate.scope, status: gate.status })),
      },
    });
    return commit(sql, wave.runId, out);
  });
  await deps.enqueue(jobs);
}

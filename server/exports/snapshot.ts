import type { Db } from "../db/client";
import type {
  Decision,
  GateStatus,
  RunStatus,
  StepKind,
  StepStatus,
  StoryStatus,
  WaveStatus,
} from "../db/generated/client";
import { AppError } from "../errors/app-error";
import type { Plan, PlanItem } from "../planning";
import type { SpecFile } from "../specs";

/**
 * Statuses are the database's enums; renderers translate them through tables that fall back to
 * the raw value, so a status the engine adds later still exports as itself rather than failing.
 *
 * Everything an export needs about one run, read at one instant. Renderers are pure functions of
 * this value, so every format of one export agrees with the others and tests build it by hand.
 */
export interface ExportSnapshot {
  /** When the snapshot was read (the database's clock); "now" for a run still going. */
  exportedAt: Date;
  run: {
    id: string;
    status: RunStatus;
    mode: string;
    currentWave: number;
    startedBy: string | null;
    createdAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
    error: string | null;
  };
  spec: { id: string; name: string; format: string; files: SpecFile[]; plan: Plan };
  waves: ExportWave[];
  /** In plan order (the spec's own order), then by key for stories the plan does not list. */
  stories: ExportStory[];
  approvals: ExportApproval[];
  /** Every gate that ran (or was skipped), oldest first: after a wave, and the definition-of-done ones. */
  gates: ExportGate[];
}

export interface ExportGate {
  /** Null for the definition-of-done gates, which belong to the run rather than a wave. */
  waveIndex: number | null;
  scope: string;
  name: string;
  status: GateStatus;
  command: string;
  exitCode: number | null;
  durationMs: number | null;
  at: Date;
}

export interface ExportWave {
  index: number;
  name: string;
  status: WaveStatus;
  /** Gate names the engine runs after this wave. */
  gates: string[];
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ExportStory {
  key: string;
  title: string;
  role: string;
  status: StoryStatus;
  waveIndex: number;
  dependsOn: string[];
  /** The plan item as the run was started with it. */
  item: PlanItem;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  steps: ExportStep[];
}

export interface ExportStep {
  kind: StepKind;
  position: number;
  status: StepStatus;
  attempts: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** What the worker stored; read defensively, since its keys grow as the engine does. */
  result: unknown;
  error: string | null;
}

export interface ExportApproval {
  waveIndex: number;
  decision: Decision;
  decidedBy: string;
  comment: string | null;
  at: Date;
}

/**
 * Reads a run for export in one REPEATABLE READ transaction: a run that is still moving cannot
 * give a checkpoint whose counts disagree with its own workstream list.
 */
export async function loadRunForExport(db: Db, runId: string): Promise<ExportSnapshot> {
  return db.$transaction(
    async (tx) => {
      const run = await tx.run.findUnique({
        where: { id: runId },
        include: {
          spec: true,
          waves: { orderBy: { index: "asc" } },
          stories: { include: { steps: { orderBy: { position: "asc" } } } },
          approvals: { orderBy: { createdAt: "asc" } },
          gateResults: { orderBy: [{ createdAt: "asc" }, { name: "asc" }] },
        },
      });
      if (!run) throw new AppError("not_found", `No run with id ${runId}.`);
      // The transaction's own start time, so "elapsed" matches the rows read, not the web server's clock.
      const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
      const plan = run.spec.plan as unknown as Plan;
      const waveIndex = new Map(run.waves.map((wave) => [wave.id, wave.index]));
      const planOrder = new Map(plan.items.map((item, index) => [item.id, index]));
      const stories: ExportStory[] = run.stories.map((story) => ({
        key: story.key,
        title: story.title,
        role: story.role,
        status: story.status,
        waveIndex: waveIndex.get(story.waveId) ?? 0,
        dependsOn: story.dependsOn,
        item: story.item as unknown as PlanItem,
        startedAt: story.startedAt,
        finishedAt: story.finishedAt,
        error: story.error,
        steps: story.steps.map((step) => ({
          kind: step.kind,
          position: step.position,
          status: step.status,
          attempts: step.attempts,
          startedAt: step.startedAt,
          finishedAt: step.finishedAt,
          result: step.result,
          error: step.error,
        })),
      }));
      stories.sort((a, b) => comparePlanOrder(planOrder, a.key, b.key));
      return {
        exportedAt: clock?.now ?? new Date(),
        run: {
          id: run.id,
          status: run.status,
          mode: run.mode,
          currentWave: run.currentWave,
          startedBy: run.startedBy,
          createdAt: run.createdAt,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          error: run.error,
        },
        spec: {
          id: run.spec.id,
          name: run.spec.name,
          format: run.spec.format,
          files: run.spec.files as unknown as SpecFile[],
          plan,
        },
        waves: run.waves.map((wave) => ({
          index: wave.index,
          name: wave.name,
          status: wave.status,
          gates: wave.gates,
          startedAt: wave.startedAt,
          finishedAt: wave.finishedAt,
        })),
        stories,
        approvals: run.approvals.map((approval) => ({
          waveIndex: waveIndex.get(approval.waveId) ?? 0,
          decision: approval.decision,
          decidedBy: approval.decidedBy,
          comment: approval.comment,
          at: approval.createdAt,
        })),
        gates: run.gateResults.map((gate) => ({
          waveIndex: gate.waveId === null ? null : (waveIndex.get(gate.waveId) ?? null),
          scope: gate.scope,
          name: gate.name,
          status: gate.status,
          command: gate.command,
          exitCode: gate.exitCode,
          durationMs: gate.durationMs,
          at: gate.createdAt,
        })),
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}

function comparePlanOrder(order: Map<string, number>, a: string, b: string): number {
  const byPlan = (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER);
  return byPlan !== 0 ? byPlan : a.localeCompare(b, "en", { numeric: true });
}

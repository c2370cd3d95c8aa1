import type { Db } from "../db/client";
import { createId } from "../db/ids";
import { finishStatement } from "./finish-statement";
import { type GroupCommit, groupCommit } from "./group-commit";
import { inStatement } from "./sql";
import { claimStatement, handOffStatement } from "./step-statements";
import type { DispatchJob } from "./types";

/**
 * The per-step statements of one database client, each as a group commit (`groupCommit`): the
 * claims of the steps a worker picks up at about the same time go in one statement, and so do
 * their hand-overs.
 */
export interface StepGroups {
  claim: GroupCommit<string, ClaimRow | null>;
  handOff: GroupCommit<Success, HandOffRow | null>;
  finish: GroupCommit<Success, Finished | null>;
}

/**
 * A story finished by its last step. The statement's jobs (its stories' dependents now queued)
 * and the runs with a wave to close come with one of the group's steps, so they are handled
 * once.
 */
export interface Finished {
  jobs: DispatchJob[];
  closing: string[];
}

export interface ClaimRow {
  id: string;
  runId: string;
  storyId: string;
  kind: string;
  attempts: number;
  storyKey: string;
  item: unknown;
  projectId: string;
  projectConfig: unknown;
  workspacePath: string;
  specName: string;
  specTitle: string | null;
  earlier: { kind: string; result: Record<string, unknown> | null }[];
  last: boolean;
  limited: boolean;
}

export interface Success {
  stepId: string;
  /**
   * The attempt the worker claimed: a step claimed again since (by another worker, after this
   * one was taken for dead) is left to that attempt. Null: whichever attempt is running.
   */
  attempt: number | null;
  /** When the work finished (ISO): the step's `finishedAt`, however long the recording waits. */
  at: string;
  /** JSON text, or null to keep what the step had. */
  result: string | null;
  log: string;
  tail: string;
}

export interface HandOffRow {
  id: string;
  runId: string;
  nextId: string | null;
  nextQueue: string | null;
  nextDispatch: number | null;
  nextRank: number | null;
  runStatus: string;
}

/** Up to this many steps per statement; enough for every slot of a worker's queues. */
const GROUP_MAX = 64;
/** Statements of one kind in flight at once. */
const IN_FLIGHT = 2;

const groups = new WeakMap<Db, StepGroups>();

export function stepGroups(db: Db): StepGroups {
  let found = groups.get(db);
  if (!found) {
    found = {
      claim: groupCommit((ids) => claimAll(db, ids), {
        key: (id) => id,
        max: GROUP_MAX,
        inFlight: IN_FLIGHT,
      }),
      handOff: groupCommit((successes) => handOffAll(db, successes), {
        key: (success) => success.stepId,
        max: GROUP_MAX,
        inFlight: IN_FLIGHT,
      }),
      finish: groupCommit((successes) => finishAll(db, successes), {
        key: (success) => success.stepId,
        max: GROUP_MAX,
        inFlight: IN_FLIGHT,
      }),
    };
    groups.set(db, found);
  }
  return found;
}

async function claimAll(db: Db, ids: string[]): Promise<(ClaimRow | null)[]> {
  const now = new Date().toISOString();
  const rows = await inStatement<ClaimRow>(db, claimStatement, [
    ids,
    now,
    ids.map(() => createId("att")),
    now,
  ]);
  return inOrder(ids, rows);
}

function successParams(successes: Success[]): unknown[] {
  const now = new Date().toISOString();
  return [
    successes.map((success) => success.stepId),
    now,
    successes.map((success) => success.result),
    successes.map((success) => success.log),
    successes.map((success) => success.tail),
    now,
    successes.map((success) => success.attempt),
    successes.map((success) => success.at),
  ];
}

async function handOffAll(db: Db, successes: Success[]): Promise<(HandOffRow | null)[]> {
  const rows = await inStatement<HandOffRow>(db, handOffStatement, successParams(successes));
  return inOrder(
    successes.map((success) => success.stepId),
    rows,
  );
}

async function finishAll(db: Db, successes: Success[]): Promise<(Finished | null)[]> {
  const rows = await inStatement<{ id: string; jobs: DispatchJob[]; closing: string[] }>(
    db,
    finishStatement,
    successParams(successes),
  );
  const [first] = rows;
  const finished = rows.map((row) => ({
    id: row.id,
    jobs: row === first ? row.jobs : [],
    closing: row === first ? row.closing : [],
  }));
  return inOrder(
    successes.map((success) => success.stepId),
    finished,
  );
}

/** The row of each id (by the row's `id`), or null for an id the statement left alone. */
function inOrder<Row extends { id: string }>(ids: string[], rows: Row[]): (Row | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

import { appendEvents, type RunEventInput } from "./events";
import type { Sql } from "./sql";
import type { DispatchJob } from "./types";

/** What one transaction decided: the events to append and the jobs to enqueue after commit. */
export interface Transition {
  jobs: DispatchJob[];
  events: RunEventInput[];
}

export function emptyTransition(): Transition {
  return { jobs: [], events: [] };
}

export function merge(into: Transition, from: Transition): Transition {
  into.jobs.push(...from.jobs);
  into.events.push(...from.events);
  return into;
}

export async function commit(sql: Sql, runId: string, transition: Transition): Promise<DispatchJob[]> {
  await appendEvents(sql, runId, transition.events);
  return transition.jobs;
}

/** Option parsers shared by the commands; commander turns their errors into a usage error (exit 2). */
import { InvalidArgumentError } from "commander";
import type { AcceptedDependency } from "../specs-upload/accepted-dependencies";

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive whole number.");
  return n;
}

/** `--concurrency`: 1 to 10, the most one queue runs at once. */
export function parseConcurrency(value: string): number {
  const n = parsePositiveInt(value);
  if (n > 10) throw new InvalidArgumentError("must be at most 10 (a queue runs at most 10 at once).");
  return n;
}

/**
 * `--accept ITEM:DEPENDENCY` (repeatable): a dependency the spec only suggests in prose
 * ("T008 depends on T007"), accepted as the upload page's Accept does.
 */
export function collectAccepted(value: string, previous: AcceptedDependency[] = []): AcceptedDependency[] {
  const match = /^\s*([^:\s]+)\s*:\s*([^:\s]+)\s*$/.exec(value);
  if (!match?.[1] || !match[2])
    throw new InvalidArgumentError(
      `"${value}" is not ITEM:DEPENDENCY (e.g. T008:T007, T008 depends on T007).`,
    );
  return [...previous, { item: match[1], dependsOn: match[2] }];
}

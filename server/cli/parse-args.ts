/** Option parsers shared by the commands; commander turns their errors into a usage error (exit 2). */
import { InvalidArgumentError } from "commander";

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

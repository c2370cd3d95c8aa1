/** Option parsers shared by the commands; commander turns their errors into a usage error (exit 2). */
import { InvalidArgumentError } from "commander";

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive whole number.");
  return n;
}

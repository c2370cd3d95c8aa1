import type { PlanItem, SpecFile } from "../specs/types";

/** Placeholder until step 6: returns the content unchanged. */
export function writeBackStates(file: SpecFile, _states: Record<string, PlanItem["state"]>): string {
  return file.content;
}

import type { ExportGate, ExportSnapshot } from "./snapshot";

/**
 * Gate names by their latest outcome, the way the EXEC-SPEC checkpoint lists them
 * (`gates_passed`, `gates_pending`): by name, not per wave, so a gate that ran after two waves
 * counts once, as it last ended. Pending are the gates the spec or the waves name that never ran.
 */
export interface GateOutcomes {
  passed: string[];
  failed: string[];
  skipped: string[];
  pending: string[];
}

export function gateOutcomes(snapshot: ExportSnapshot): GateOutcomes {
  const latest = new Map<string, string>();
  for (const gate of snapshot.gates) latest.set(gate.name, gate.status);
  const named = new Set<string>(Object.keys(snapshot.spec.plan.gates ?? {}));
  for (const wave of snapshot.waves) for (const gate of wave.gates) named.add(gate);
  for (const story of snapshot.stories) for (const gate of story.item.gates ?? []) named.add(gate);
  const by = (status: string) =>
    [...latest]
      .filter(([, last]) => last === status)
      .map(([name]) => name)
      .sort();
  return {
    passed: by("passed"),
    failed: by("failed"),
    skipped: by("skipped"),
    pending: [...named].filter((name) => !latest.has(name)).sort(),
  };
}

export function gatesOfWave(snapshot: ExportSnapshot, waveIndex: number): ExportGate[] {
  return snapshot.gates.filter((gate) => gate.waveIndex === waveIndex);
}

/** The definition-of-done gates, run once at the end rather than after a wave. */
export function runGates(snapshot: ExportSnapshot): ExportGate[] {
  return snapshot.gates.filter((gate) => gate.waveIndex === null);
}

export function gateFailureMessage(gate: ExportGate): string {
  const exit = gate.exitCode === null ? "" : ` (exit ${gate.exitCode})`;
  return `Gate ${gate.name} failed${exit}: ${gate.command}`;
}

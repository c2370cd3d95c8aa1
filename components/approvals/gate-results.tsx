import type { GateResultView } from "../runs/types";

const mark: Record<GateResultView["status"], string> = {
  passed: "✓ passed",
  failed: "✗ failed",
  skipped: "– skipped",
};

/** A wave's gate results, each with the command that ran (or the spec's, when it did not) and its output. */
export function GateResults({ gates }: { gates: GateResultView[] }) {
  if (gates.length === 0) return <p className="text-sm text-slate-500">No gates ran for this wave.</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="gate-results">
      {gates.map((gate) => (
        <li key={`${gate.scope}:${gate.name}`}>
          <details>
            <summary className="cursor-pointer">
              <span className="font-medium">{gate.name}</span>{" "}
              <span className={gate.status === "failed" ? "text-red-700 dark:text-red-300" : ""}>
                {mark[gate.status]}
              </span>
              {gate.scope === "dod" ? (
                <span className="text-xs text-slate-500"> (definition of done)</span>
              ) : null}
              {gate.durationMs !== null ? (
                <span className="text-xs text-slate-500"> in {gate.durationMs} ms</span>
              ) : null}
            </summary>
            {gate.command ? <code className="block text-xs">{gate.command}</code> : null}
            <pre className="max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">
              {gate.outputTail}
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}

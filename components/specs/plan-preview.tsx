"use client";

import type { ReactNode } from "react";
import { PlanGanttChart } from "./plan-gantt-chart";
import type { SuggestedDependency } from "./suggestion-decisions";

export interface PreviewIssue {
  code: string;
  severity: "error" | "warning";
  message: string;
  file: string;
  line: number;
  column?: number;
  /** The text of that line, cut by the server; shown as text. */
  sourceLine?: string;
}

export interface PreviewPlan {
  format: string;
  title: string;
  items: { id: string; title: string; role: string; dependsOn: string[] }[];
  waves: { index: number; name: string; itemIds: string[] }[];
  criticalPath: string[];
  /** Gate name → the command text the spec gives (data, never run from here). */
  gates?: Record<string, string>;
}

export interface Preview {
  ok: boolean;
  format?: string;
  plan?: PreviewPlan;
  errors: PreviewIssue[];
  warnings: PreviewIssue[];
  suggestedDependencies?: SuggestedDependency[];
}

function IssueList({ issues, kind }: { issues: PreviewIssue[]; kind: "error" | "warning" }) {
  if (issues.length === 0) return null;
  return (
    <ul
      data-testid={`${kind}s`}
      className={`space-y-1 rounded border p-3 text-sm ${kind === "error" ? "border-red-300 bg-red-50 text-red-900 dark:bg-red-950/40 dark:text-red-100" : "border-amber-300 bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-100"}`}
    >
      {issues.map((issue) => (
        <li key={`${issue.code}:${issue.file}:${issue.line}:${issue.column ?? 0}:${issue.message}`}>
          <strong>{kind === "error" ? "Error" : "Warning"}</strong>{" "}
          <span className="font-mono">
            {issue.file}:{issue.line}
            {issue.column ? `:${issue.column}` : ""}
          </span>{" "}
          {issue.message} <span className="text-xs opacity-70">({issue.code})</span>
          {issue.sourceLine !== undefined ? (
            <code
              data-testid="issue-source-line"
              className="mt-0.5 block overflow-x-auto whitespace-pre rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs dark:bg-black/30"
            >
              <span className="sr-only">Line {issue.line}: </span>
              {issue.sourceLine}
            </code>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The plan as the PM sees it before starting: detected format, waves and their Gantt, warnings
 * and errors with their lines; `suggestions` (the suggested dependencies) sits above the waves.
 */
export function PlanPreview({ preview, suggestions }: { preview: Preview; suggestions?: ReactNode }) {
  const plan = preview.plan;
  const titles = new Map(plan?.items.map((item) => [item.id, item]) ?? []);
  return (
    <div className="space-y-3">
      {preview.format ? (
        <p className="text-sm">
          Detected format: <strong data-testid="detected-format">{preview.format}</strong>
        </p>
      ) : null}
      <IssueList issues={preview.errors} kind="error" />
      <IssueList issues={preview.warnings} kind="warning" />
      {suggestions}
      {plan ? (
        <table data-testid="plan-waves" className="w-full text-left text-sm">
          <caption className="mb-1 text-left font-semibold">
            {plan.title}: {plan.items.length} items in {plan.waves.length} waves
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1 pr-3">Wave</th>
              <th className="py-1">Items</th>
            </tr>
          </thead>
          <tbody>
            {plan.waves.map((wave) => (
              <tr key={wave.index} className="border-b border-slate-100 align-top dark:border-slate-800">
                <td className="py-1 pr-3 whitespace-nowrap">
                  {wave.index + 1}. {wave.name}
                </td>
                <td className="py-1">
                  {wave.itemIds.map((id) => (
                    <span key={id} className="mr-3 inline-block">
                      <span className="font-mono">{id}</span> {titles.get(id)?.title}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan ? <PlanGanttChart plan={plan} /> : null}
      {plan?.gates && Object.keys(plan.gates).length > 0 ? <SpecGateCommands gates={plan.gates} /> : null}
    </div>
  );
}

/**
 * The exact commands the spec gives for its gates, shown before anything runs. Specwave runs the
 * commands the project configures for those gate names; a spec's own command runs only where an
 * administrator allowed spec-defined commands for the project.
 */
function SpecGateCommands({ gates }: { gates: Record<string, string> }) {
  return (
    <section data-testid="spec-gate-commands" aria-label="Gate commands in this spec" className="text-sm">
      <h3 className="font-semibold">Gate commands in this spec</h3>
      <p className="text-slate-600 dark:text-slate-300">
        Shown, not run: each gate runs the command the project configures for its name. A command below runs
        only for a gate the project does not configure, and only if an administrator allowed spec-defined
        commands for this project.
      </p>
      <ul className="mt-1 space-y-1">
        {Object.entries(gates).map(([name, command]) => (
          <li key={name}>
            <span className="font-medium">{name}</span>:{" "}
            <code className="break-all rounded bg-slate-100 px-1 font-mono dark:bg-slate-800">{command}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

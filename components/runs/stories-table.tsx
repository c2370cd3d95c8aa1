"use client";

import { evidenceOf, formatPct } from "./evidence";
import { ItemActions } from "./item-actions";
import { storyStatusLabel } from "./story-drawer-model";
import type { RunView } from "./types";

/** Every item with its state, the evidence behind "done", and what a person can do now. */
export function StoriesTable({ run, onOpenStory }: { run: RunView; onOpenStory?: (key: string) => void }) {
  const runActive = ["pending", "running", "awaiting_approval", "paused"].includes(run.status);
  return (
    <section aria-labelledby="items-heading" className="space-y-2">
      <h2 id="items-heading" className="text-lg font-semibold">
        Items
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="items-table">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1 pr-2">Item</th>
              <th className="py-1 pr-2">Status</th>
              <th className="py-1 pr-2">Step</th>
              <th className="py-1 pr-2">Tests</th>
              <th className="py-1 pr-2">Lines</th>
              <th className="py-1 pr-2">Branches</th>
              <th className="py-1 pr-2">Changed lines</th>
              <th className="py-1 pr-2">Commit</th>
              <th className="py-1">Actions</th>
            </tr>
          </thead>
          <tbody>
            {run.stories.map((story) => {
              const evidence = evidenceOf(story);
              const current = story.steps.find(
                (step) => step.status === "running" || step.status === "queued",
              );
              return (
                <tr
                  key={story.id}
                  data-testid={`item-${story.key}`}
                  className="border-b border-slate-100 align-top dark:border-slate-800"
                >
                  <td className="py-1 pr-2">
                    {onOpenStory ? (
                      <button
                        type="button"
                        onClick={() => onOpenStory(story.key)}
                        aria-label={`Open ${story.key}`}
                        className="font-mono text-blue-700 underline focus-visible:outline focus-visible:outline-2 dark:text-blue-300"
                      >
                        {story.key}
                      </button>
                    ) : (
                      <span className="font-mono">{story.key}</span>
                    )}{" "}
                    <span className="text-slate-600 dark:text-slate-300">{story.title}</span>
                    {story.error ? (
                      <p className="mt-0.5 max-w-xl whitespace-pre-wrap text-xs text-red-700 dark:text-red-300">
                        {story.error}
                      </p>
                    ) : null}
                  </td>
                  <td className="py-1 pr-2" data-status={story.status}>
                    {storyStatusLabel[story.status] ?? story.status}
                  </td>
                  <td className="py-1 pr-2 text-xs">
                    {current ? `${current.kind.replace("_", " ")} (${current.status})` : "–"}
                  </td>
                  <td className="py-1 pr-2" data-testid={`tests-${story.key}`}>
                    {evidence?.tests
                      ? `${evidence.tests.passed}/${evidence.tests.total} passed${evidence.tests.failed ? `, ${evidence.tests.failed} failed` : ""}`
                      : "–"}
                  </td>
                  <td className="py-1 pr-2">{formatPct(evidence?.coverage?.lines)}</td>
                  <td className="py-1 pr-2">{formatPct(evidence?.coverage?.branches)}</td>
                  <td className="py-1 pr-2">{formatPct(evidence?.coverage?.changedLines)}</td>
                  <td className="py-1 pr-2 font-mono text-xs">
                    {evidence?.commit ? evidence.commit.slice(0, 8) : "–"}
                  </td>
                  <td className="py-1">
                    <ItemActions
                      runId={run.id}
                      projectId={run.projectId}
                      story={story}
                      runActive={runActive}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

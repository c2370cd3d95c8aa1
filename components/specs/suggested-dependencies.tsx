"use client";

import {
  type DependencyEdge,
  type SuggestedDependency,
  type SuggestionDecision,
  suggestionDecision,
} from "./suggestion-decisions";

/**
 * Dependencies the spec only states in prose, for the PM to confirm: an accepted one becomes a real
 * dependency (the preview is planned again with it), a rejected one is left out, as is one left
 * undecided. Titles come from the spec and are shown as text.
 */
export function SuggestedDependencies({
  suggestions,
  accepted,
  rejected,
  onDecide,
}: {
  suggestions: SuggestedDependency[];
  accepted: readonly DependencyEdge[];
  rejected: readonly DependencyEdge[];
  onDecide: (edge: DependencyEdge, decision: SuggestionDecision) => void;
}) {
  if (suggestions.length === 0) return null;
  return (
    <section
      data-testid="suggested-dependencies"
      aria-labelledby="suggested-dependencies-heading"
      className="space-y-1 text-sm"
    >
      <h3 id="suggested-dependencies-heading" className="font-semibold">
        Suggested dependencies
      </h3>
      <p className="text-slate-600 dark:text-slate-300">
        Read from the spec's prose and not applied unless you accept them; accepting one plans the waves
        again.
      </p>
      <ul className="space-y-1">
        {suggestions.map((suggestion) => {
          const decision = suggestionDecision(suggestion, accepted, rejected);
          const what = `${suggestion.item} depends on ${suggestion.dependsOn}`;
          const edge = { item: suggestion.item, dependsOn: suggestion.dependsOn };
          return (
            <li
              key={`${suggestion.item}:${suggestion.dependsOn}`}
              data-testid="suggested-dependency"
              data-decision={decision}
              className="flex flex-wrap items-center gap-2"
            >
              <span>
                <strong className="font-mono">{suggestion.item}</strong> {suggestion.itemTitle}{" "}
                <span className="text-slate-500">depends on</span>{" "}
                <strong className="font-mono">{suggestion.dependsOn}</strong> {suggestion.dependsOnTitle}
              </span>
              {decision === "pending" ? (
                <>
                  <button
                    type="button"
                    aria-label={`Accept: ${what}`}
                    onClick={() => onDecide(edge, "accepted")}
                    className="rounded border border-green-600 px-2 py-0.5 text-green-800 hover:bg-green-50 focus-visible:outline focus-visible:outline-2 dark:text-green-300 dark:hover:bg-green-950"
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    aria-label={`Reject: ${what}`}
                    onClick={() => onDecide(edge, "rejected")}
                    className="rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:hover:bg-slate-800"
                  >
                    Reject
                  </button>
                </>
              ) : (
                <>
                  <span
                    className={
                      decision === "accepted" ? "text-green-800 dark:text-green-300" : "text-slate-500"
                    }
                  >
                    {decision === "accepted" ? "Accepted" : "Rejected"}
                  </span>
                  <button
                    type="button"
                    aria-label={`Undo: ${what}`}
                    onClick={() => onDecide(edge, "pending")}
                    className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:hover:bg-slate-800"
                  >
                    Undo
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { secondaryButtonClass, sectionClass } from "../forms/classes";
import { auditQuery } from "./admin-queries";

/** Details as JSON text: whatever an entry holds is shown, never interpreted as markup. */
function detailsText(details: unknown): string {
  if (details === null || details === undefined) return "";
  if (typeof details === "object" && Object.keys(details).length === 0) return "";
  try {
    return JSON.stringify(details);
  } catch {
    return String(details);
  }
}

/** Who did what and when, newest first; "Load more" follows the server's cursor. */
export function AuditSection() {
  const audit = useInfiniteQuery(auditQuery());
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <section data-testid="admin-audit" aria-labelledby="admin-audit-heading" className={sectionClass}>
      <h2 id="admin-audit-heading" className="text-lg font-semibold">
        Audit log
      </h2>
      {audit.isPending ? <p className="text-sm text-slate-500">Loading the audit log…</p> : null}
      {audit.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the audit log: {audit.error.message}
        </p>
      ) : null}
      {audit.data && entries.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing recorded yet.</p>
      ) : null}
      {entries.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th className="py-1 pr-3">When</th>
                <th className="py-1 pr-3">Who</th>
                <th className="py-1 pr-3">Via</th>
                <th className="py-1 pr-3">Action</th>
                <th className="py-1 pr-3">Project</th>
                <th className="py-1 pr-3">Target</th>
                <th className="py-1 pr-3">Address</th>
                <th className="py-1">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr
                  key={entry.id}
                  data-testid="audit-row"
                  data-action={entry.action}
                  className="border-b border-slate-100 align-top dark:border-slate-800"
                >
                  <td className="whitespace-nowrap py-1 pr-3">
                    {new Date(entry.createdAt).toLocaleString()}
                  </td>
                  <td className="py-1 pr-3">{entry.actorEmail ?? "–"}</td>
                  <td className="py-1 pr-3">{entry.via ?? "–"}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{entry.action}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{entry.projectId ?? "–"}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{entry.target ?? "–"}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{entry.ip ?? "–"}</td>
                  <td className="py-1">
                    <code className="block max-w-md whitespace-pre-wrap break-all text-xs">
                      {detailsText(entry.details)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {audit.hasNextPage ? (
        <button
          type="button"
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
          className={secondaryButtonClass}
        >
          {audit.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </section>
  );
}

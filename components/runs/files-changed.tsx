"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type DiffLine, diffLines } from "./diff-lines";
import { api } from "./queries";

export interface ItemDiff {
  commit: string;
  files: { path: string; additions: number; deletions: number; patch: string }[];
  truncated: boolean;
}

/** A commit never changes, so its diff is read once; the key names the commit so a retry's new one is read. */
export const itemDiffQuery = (runId: string, key: string, commit: string) =>
  queryOptions({
    queryKey: ["item-diff", runId, key, commit],
    queryFn: () => api<ItemDiff>(`/api/v1/runs/${runId}/items/${encodeURIComponent(key)}/diff`),
    staleTime: Number.POSITIVE_INFINITY,
  });

const lineStyle: Record<DiffLine["kind"], string> = {
  added: "bg-green-50 text-green-900 dark:bg-green-950/50 dark:text-green-200",
  removed: "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200",
  context: "",
  hunk: "text-blue-800 dark:text-blue-300",
  header: "text-slate-500 dark:text-slate-400",
};

const lineLabel: Partial<Record<DiffLine["kind"], string>> = { added: "added", removed: "removed" };

/** A file's patch as text lines with a sign column; React escapes the text, nothing is parsed as HTML. */
function Patch({ patch }: { patch: string }) {
  return (
    <div
      data-testid="diff-patch"
      className="max-h-96 overflow-auto rounded border border-slate-200 font-mono text-xs dark:border-slate-700"
    >
      {diffLines(patch).map((line, index) => (
        <div
          // Lines have no identity beyond their place in an immutable patch.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          data-kind={line.kind}
          className={`flex whitespace-pre ${lineStyle[line.kind]}`}
        >
          <span aria-hidden="true" className="w-5 shrink-0 select-none text-center">
            {line.sign}
          </span>
          {lineLabel[line.kind] ? <span className="sr-only">{lineLabel[line.kind]}: </span> : null}
          <span className="pr-2">{line.text}</span>
        </div>
      ))}
    </div>
  );
}

/** The files the item's commit changed; each file's patch opens on demand. */
export function FilesChanged({
  runId,
  storyKey,
  commit,
  reportedFiles,
}: {
  runId: string;
  storyKey: string;
  commit: string | null;
  reportedFiles: string[];
}) {
  const diff = useQuery({ ...itemDiffQuery(runId, storyKey, commit ?? ""), enabled: commit !== null });
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const toggle = (path: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  if (!commit || !diff.data) {
    return (
      <>
        {reportedFiles.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No files reported yet.</p>
        ) : (
          <ul data-testid="drawer-files" className="font-mono text-xs">
            {reportedFiles.map((file) => (
              <li key={file}>{file}</li>
            ))}
          </ul>
        )}
        {commit && diff.isPending ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">Loading the diff…</p>
        ) : null}
        {diff.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            The diff could not be read: {diff.error.message}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <>
      <ul data-testid="drawer-files" className="space-y-1 text-xs">
        {diff.data.files.map((file) => {
          const expanded = open.has(file.path);
          const id = `diff-${file.path}`;
          return (
            <li key={file.path} data-testid="diff-file">
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={expanded ? id : undefined}
                onClick={() => toggle(file.path)}
                className="flex w-full items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:hover:bg-slate-800"
              >
                <span aria-hidden="true">{expanded ? "▾" : "▸"}</span>
                <span className="font-mono">{file.path}</span>
                <span className="ml-auto tabular-nums text-green-800 dark:text-green-300">
                  +{file.additions}
                </span>
                <span className="tabular-nums text-red-800 dark:text-red-300">−{file.deletions}</span>
                <span className="sr-only">{expanded ? "hide diff" : "show diff"}</span>
              </button>
              {expanded ? (
                <div id={id} className="mt-1">
                  <Patch patch={file.patch} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {diff.data.files.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">The commit changes no files.</p>
      ) : null}
      {diff.data.truncated ? (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
          The diff is longer than 256 KiB and was cut.
        </p>
      ) : null}
    </>
  );
}

"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { formatPct } from "./evidence";
import { FilesChanged } from "./files-changed";
import { ItemActions } from "./item-actions";
import { runQuery } from "./queries";
import {
  formatDuration,
  type StoryDrawerModel,
  storyDrawerModel,
  withStoryParam,
} from "./story-drawer-model";
import type { RunView } from "./types";

/**
 * The open item lives in the URL (`?story=WS2`) so a view can be shared. Written with
 * history.replaceState, which Next.js keeps in step with useSearchParams, like the Gantt's state.
 */
export function useStoryParam(): [string | null, (key: string | null) => void] {
  const key = useSearchParams().get("story");
  const setKey = useCallback((next: string | null) => {
    const search = withStoryParam(window.location.search, next);
    window.history.replaceState(null, "", `${window.location.pathname}${search}${window.location.hash}`);
  }, []);
  return [key, setKey];
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * Step events carry a step's status but not its result (files, commit, evidence): when a step of
 * the open item finishes, read the run again once so the drawer shows what it produced.
 */
function useResultsOfFinishedSteps(run: RunView, storyKey: string) {
  const queryClient = useQueryClient();
  const story = run.stories.find((s) => s.key === storyKey);
  const missing = (story?.steps ?? [])
    .filter((step) => (step.status === "succeeded" || step.status === "failed") && step.result === null)
    .map((step) => step.id)
    .join(",");
  useEffect(() => {
    if (missing) void queryClient.invalidateQueries({ queryKey: runQuery(run.id).queryKey });
  }, [missing, run.id, queryClient]);
}

const focusable = 'a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The item drawer: a modal dialog on the right; Esc or the close button closes it, focus stays inside. */
export function StoryDrawer({
  run,
  storyKey,
  onClose,
}: {
  run: RunView;
  storyKey: string;
  onClose: () => void;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const running = run.stories.some((s) => s.key === storyKey && s.status === "running");
  const model = storyDrawerModel(run, storyKey, useNow(running));
  useResultsOfFinishedSteps(run, storyKey);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== "Tab" || !panel.current) return;
    const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="fixed inset-0 z-50 flex justify-end">
      {/* The backdrop is for the mouse; keyboard users close with Esc or the close button. */}
      <div aria-hidden="true" className="absolute inset-0 bg-slate-950/40" onClick={onClose} />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="story-drawer"
        onKeyDown={onKeyDown}
        className="relative flex h-full w-full max-w-2xl flex-col overflow-y-auto bg-white p-5 shadow-xl dark:bg-slate-900"
      >
        <div className="flex items-start gap-3">
          <h2 id={titleId} className="text-lg font-semibold">
            <span className="font-mono">{storyKey}</span> {model?.story.title}
          </h2>
          <button
            type="button"
            data-autofocus
            onClick={onClose}
            aria-label="Close item details"
            className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Close
          </button>
        </div>
        {model ? (
          <DrawerBody run={run} model={model} />
        ) : (
          <p role="alert" className="mt-4 text-sm text-red-700 dark:text-red-300">
            This run has no item {storyKey}.
          </p>
        )}
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-5" aria-label={title}>
      <h3 className="mb-1 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
        {title}
      </h3>
      {children}
    </section>
  );
}

const muted = "text-sm text-slate-500 dark:text-slate-400";

function DrawerBody({ run, model }: { run: RunView; model: StoryDrawerModel }) {
  const { story, evidence } = model;
  const runActive = ["pending", "running", "awaiting_approval", "paused"].includes(run.status);
  return (
    <>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        <span data-testid="drawer-status" data-status={story.status} className="font-medium">
          Status: {model.statusLabel}
        </span>{" "}
        · wave {story.waveIndex + 1}
        {model.waveName ? ` (${model.waveName})` : ""} · {story.role} · {formatDuration(model.durationMs)}
        {story.dependsOn.length ? ` · after ${story.dependsOn.join(", ")}` : ""}
      </p>
      <div className="mt-3">
        <ItemActions runId={run.id} projectId={run.projectId} story={story} runActive={runActive} />
      </div>
      {story.error ? (
        <p className="mt-3 whitespace-pre-wrap rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950/40 dark:text-red-200">
          {story.error}
        </p>
      ) : null}

      <Section title="Steps">
        {model.steps.length === 0 ? (
          <p className={muted}>No steps yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th className="py-1 pr-2">Step</th>
                <th className="py-1 pr-2">Status</th>
                <th className="py-1 pr-2">Attempts</th>
                <th className="py-1 pr-2">Started</th>
                <th className="py-1">Took</th>
              </tr>
            </thead>
            <tbody>
              {model.steps.map((step) => (
                <tr key={step.id} className="border-b border-slate-100 align-top dark:border-slate-800">
                  <td className="py-1 pr-2">
                    {step.label}
                    {step.summary ? <p className="text-xs text-slate-500">{step.summary}</p> : null}
                    {step.error ? (
                      <p className="whitespace-pre-wrap text-xs text-red-700 dark:text-red-300">
                        {step.error}
                      </p>
                    ) : null}
                  </td>
                  <td className="py-1 pr-2">{step.status.replaceAll("_", " ")}</td>
                  <td className="py-1 pr-2 tabular-nums">{step.attempts}</td>
                  <td className="py-1 pr-2 tabular-nums">
                    {step.startedAt ? new Date(step.startedAt).toLocaleTimeString() : "–"}
                  </td>
                  <td className="py-1 tabular-nums">
                    {formatDuration(step.durationMs)}
                    {step.startedAt && !step.finishedAt ? " so far" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Acceptance criteria">
        {model.criteria.length === 0 ? (
          <p className={muted}>The spec gives no acceptance criteria for this item.</p>
        ) : (
          <ul className="space-y-0.5 text-sm">
            {model.criteria.map((criterion) => (
              <li key={criterion.text}>
                <span aria-hidden="true">{criterion.done ? "☑" : "☐"}</span>{" "}
                <span className="sr-only">{criterion.done ? "met:" : "not yet met:"}</span>
                {criterion.text}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Tests and coverage">
        {evidence?.tests || evidence?.coverage ? (
          <dl data-testid="drawer-evidence" className="grid grid-cols-[auto_1fr] gap-x-4 text-sm">
            <dt>Tests</dt>
            <dd>
              {evidence.tests
                ? `${evidence.tests.total} written, ${evidence.tests.passed} passed, ${evidence.tests.failed} failed`
                : "–"}
              {evidence.testFile ? (
                <span className="ml-1 font-mono text-xs">({evidence.testFile})</span>
              ) : null}
            </dd>
            <dt>Lines</dt>
            <dd>{formatPct(evidence.coverage?.lines)}</dd>
            <dt>Branches</dt>
            <dd>{formatPct(evidence.coverage?.branches)}</dd>
            <dt>Functions</dt>
            <dd>{formatPct(evidence.coverage?.functions)}</dd>
            <dt>Changed lines</dt>
            <dd>{formatPct(evidence.coverage?.changedLines)}</dd>
          </dl>
        ) : (
          <p className={muted}>Not verified yet.</p>
        )}
        {evidence && evidence.outputs.missing.length > 0 ? (
          <p className="mt-1 text-sm text-red-700 dark:text-red-300">
            Missing outputs: <span className="font-mono">{evidence.outputs.missing.join(", ")}</span>
          </p>
        ) : null}
      </Section>

      <Section title="Files changed">
        <FilesChanged runId={run.id} storyKey={story.key} commit={model.commit} reportedFiles={model.files} />
        <p className="mt-1 text-sm">
          Commit:{" "}
          <span data-testid="drawer-commit" className="font-mono">
            {model.commit ?? "none yet"}
          </span>
        </p>
      </Section>

      <Section title="Agent log">
        {model.agentLog ? (
          <>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              {model.agentLog.step}
              {model.agentLog.live ? " · live, the last 8 KiB, updated every second" : " · the last output"}
            </p>
            <pre
              data-testid="drawer-agent-log"
              data-live={model.agentLog.live}
              aria-live="off"
              className="max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800"
            >
              {model.agentLog.text}
            </pre>
          </>
        ) : (
          <p className={muted}>The agent has printed nothing yet.</p>
        )}
      </Section>

      <Section title="Verification output">
        {model.logTail ? (
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
            {model.logTail}
          </pre>
        ) : (
          <p className={muted}>No output yet.</p>
        )}
      </Section>
    </>
  );
}

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { SPEC_FORMATS } from "../../server/specs/types";
import { type ProjectAccess, projectsWhere } from "../auth/capabilities";
import { useMe } from "../auth/me";
import { api } from "../runs/queries";
import { PasteSpec } from "./paste-spec";
import { PlanPreview, type Preview } from "./plan-preview";
import { defaultSettings, RunSettingsForm, type RunSettingsInput } from "./run-settings-form";
import { type OnPicked, SpecPickers } from "./spec-pickers";
import {
  type SpecFileInput,
  type SpecSelection,
  selectionFileNames,
  selectSpecFiles,
  specRequestBody,
  uploadErrorMessage,
} from "./spec-selection";
import { SuggestedDependencies } from "./suggested-dependencies";
import {
  type Decisions,
  type DependencyEdge,
  decide,
  noDecisions,
  type SuggestionDecision,
} from "./suggestion-decisions";

const formats = SPEC_FORMATS;

/** Where specs go unless the person picks another project they may upload to. */
export const demoProjectId = "prj_demo";

/**
 * Pick an example or upload files; see the plan and its problems; start a run. Only for people
 * who may operate runs (approvers and administrators) in some project; others are told whom to ask.
 */
export function UploadPanel({ projectId: preferred = demoProjectId }: { projectId?: string }) {
  const { data: me, isPending } = useMe();
  const [picked, setPicked] = useState<string | null>(null);
  const projects = me ? projectsWhere(me, "operate") : [];
  const projectId =
    projects.find((project) => project.id === picked)?.id ??
    projects.find((project) => project.id === preferred)?.id ??
    projects[0]?.id;

  return (
    <section
      aria-labelledby="upload-heading"
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <h2 id="upload-heading" className="text-lg font-semibold">
        Plan a spec
      </h2>
      {isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {me && !projectId ? (
        <p data-testid="upload-not-allowed" className="text-sm text-slate-600 dark:text-slate-300">
          You can view runs; ask an administrator for the approver role to upload specs.
        </p>
      ) : null}
      {projectId ? (
        <SpecUploader projectId={projectId} projects={projects} onProjectChange={setPicked} />
      ) : null}
    </section>
  );
}

function SpecUploader({
  projectId,
  projects,
  onProjectChange,
}: {
  projectId: string;
  projects: ProjectAccess[];
  onProjectChange: (projectId: string) => void;
}) {
  const router = useRouter();
  const [selection, setSelection] = useState<SpecSelection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [format, setFormat] = useState("");
  const [settings, setSettings] = useState<RunSettingsInput>(defaultSettings);
  const [decisions, setDecisions] = useState<Decisions>(noDecisions);
  // The preview on show: kept while an accepted suggestion is planned again, so nothing flickers.
  const [shown, setShown] = useState<Preview | null>(null);
  const examples = useQuery({
    queryKey: ["examples"],
    queryFn: () => api<{ examples: string[] }>("/api/v1/examples").then((body) => body.examples),
  });
  const preview = useMutation({
    mutationFn: ({ input, as, accepted }: { input: SpecSelection; as: string; accepted: DependencyEdge[] }) =>
      api<Preview>("/api/v1/specs/preview", {
        method: "POST",
        body: specRequestBody(input, { format: as, acceptedDependencies: accepted }),
      }),
  });
  const start = useMutation({
    mutationFn: async (input: SpecSelection) => {
      const spec = await api<{ id: string }>("/api/v1/specs", {
        method: "POST",
        body: specRequestBody(input, { format, projectId, acceptedDependencies: decisions.accepted }),
      });
      return api<{ runId: string }>("/api/v1/runs", {
        method: "POST",
        // The settings form's defaults are the server's, so an untouched form changes nothing.
        body: JSON.stringify({ specId: spec.id, settings }),
      });
    },
    onSuccess: ({ runId }) => router.push(`/runs/${runId}`),
  });

  const plan = (input: SpecSelection, as: string, accepted: DependencyEdge[]) => {
    // Per-call callbacks run for the latest call only, so a slow earlier answer never wins.
    preview.mutate({ input, as, accepted }, { onSuccess: setShown });
  };

  const choose = (chosen: SpecSelection, as = format) => {
    setNotice(null);
    setSelection(chosen);
    setShown(null);
    setDecisions(noDecisions);
    start.reset();
    plan(chosen, as, []);
  };

  const onDecide = (edge: DependencyEdge, decision: SuggestionDecision) => {
    const next = decide(decisions, edge, decision);
    setDecisions(next);
    const changed =
      next.accepted.length !== decisions.accepted.length ||
      next.accepted.some((accepted, index) => accepted !== decisions.accepted[index]);
    if (selection && changed) plan(selection, format, next.accepted);
  };

  const onPicked: OnPicked = (picked, source) => {
    void selectSpecFiles(picked, source).then((result) => {
      if (result.ok) return choose(result.selection);
      setSelection(null);
      setShown(null);
      preview.reset();
      setNotice(result.message);
    });
  };

  const onExample = async (name: string) => {
    choose({
      kind: "text",
      files: [await api<SpecFileInput>(`/api/v1/examples/${encodeURIComponent(name)}`)],
    });
  };

  const names = selection ? selectionFileNames(selection) : [];
  const uploadError = notice ?? (preview.error ? uploadErrorMessage(preview.error) : null);

  return (
    <>
      {projects.length > 1 ? (
        <label className="block text-sm">
          Project{" "}
          <select
            data-testid="upload-project"
            value={projectId}
            onChange={(event) => onProjectChange(event.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          >
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <SpecPickers onPicked={onPicked}>
        {examples.data && examples.data.length > 0 ? (
          <label className="text-sm">
            or an example{" "}
            <select
              aria-label="Example spec"
              defaultValue=""
              onChange={(event) => event.target.value && void onExample(event.target.value)}
              className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
            >
              <option value="" disabled>
                choose…
              </option>
              {examples.data.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </SpecPickers>
      <PasteSpec onPaste={(file) => choose({ kind: "text", files: [file] })} />
      {selection?.kind === "upload" ? (
        <p data-testid="upload-selection" className="text-sm text-slate-600 dark:text-slate-300">
          {selection.name ? <strong>{selection.name}: </strong> : null}
          {names.slice(0, 5).join(", ")}
          {names.length > 5 ? ` and ${names.length - 5} more` : ""}
        </p>
      ) : null}
      {preview.isPending ? <p className="text-sm text-slate-500">Reading the spec…</p> : null}
      {uploadError ? (
        <p role="alert" data-testid="upload-error" className="text-sm text-red-700 dark:text-red-300">
          {uploadError}
        </p>
      ) : null}
      {shown ? (
        <PlanPreview
          preview={shown}
          suggestions={
            <SuggestedDependencies
              suggestions={shown.suggestedDependencies ?? []}
              accepted={decisions.accepted}
              rejected={decisions.rejected}
              onDecide={onDecide}
            />
          }
        />
      ) : null}
      {selection ? (
        <label className="block text-sm">
          Format{" "}
          <select
            aria-label="Spec format"
            value={format}
            onChange={(event) => {
              setFormat(event.target.value);
              choose(selection, event.target.value);
            }}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">detect from the files</option>
            {formats.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {selection && shown?.ok ? <RunSettingsForm value={settings} onChange={setSettings} /> : null}
      {selection && shown?.ok ? (
        <button
          type="button"
          disabled={start.isPending || preview.isPending}
          onClick={() => start.mutate(selection)}
          className="rounded bg-blue-600 px-4 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 disabled:opacity-50"
        >
          Start run
        </button>
      ) : null}
      {start.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {uploadErrorMessage(start.error)}
        </p>
      ) : null}
    </>
  );
}

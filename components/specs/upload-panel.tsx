"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { SPEC_FORMATS } from "../../server/specs/types";
import { type ProjectAccess, projectsWhere } from "../auth/capabilities";
import { useMe } from "../auth/me";
import { api } from "../runs/queries";
import { PlanPreview, type Preview } from "./plan-preview";
import { defaultSettings, RunSettingsForm, type RunSettingsInput } from "./run-settings-form";

const formats = SPEC_FORMATS;

/** Where specs go unless the person picks another project they may upload to. */
export const demoProjectId = "prj_demo";

interface SpecFileInput {
  name: string;
  content: string;
}

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
  const [files, setFiles] = useState<SpecFileInput[] | null>(null);
  const [format, setFormat] = useState("");
  const [settings, setSettings] = useState<RunSettingsInput>(defaultSettings);
  const examples = useQuery({
    queryKey: ["examples"],
    queryFn: () => api<{ examples: string[] }>("/api/v1/examples").then((body) => body.examples),
  });
  const preview = useMutation({
    mutationFn: ({ input, as }: { input: SpecFileInput[]; as: string }) =>
      api<Preview>("/api/v1/specs/preview", {
        method: "POST",
        body: JSON.stringify({ files: input, format: as || undefined }),
      }),
  });
  const start = useMutation({
    mutationFn: async (input: SpecFileInput[]) => {
      const spec = await api<{ id: string }>("/api/v1/specs", {
        method: "POST",
        body: JSON.stringify({ files: input, projectId }),
      });
      return api<{ runId: string }>("/api/v1/runs", {
        method: "POST",
        body: JSON.stringify({ specId: spec.id }),
      });
    },
    onSuccess: ({ runId }) => router.push(`/runs/${runId}`),
  });

  const choose = (chosen: SpecFileInput[], as = format) => {
    setFiles(chosen);
    preview.mutate({ input: chosen, as });
  };

  const onFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    // From a folder, only the files a spec can be made of.
    const specFiles = [...list].filter((file) => /\.(md|markdown|json|ya?ml|txt)$/i.test(file.name));
    if (specFiles.length === 0) return;
    choose(
      await Promise.all(
        specFiles.map(async (file) => ({
          name: file.webkitRelativePath || file.name,
          content: await file.text(),
        })),
      ),
    );
  };

  const onExample = async (name: string) => {
    choose([await api<SpecFileInput>(`/api/v1/examples/${encodeURIComponent(name)}`)]);
  };

  return (
    <>
      <div className="flex flex-wrap items-center gap-4">
        {projects.length > 1 ? (
          <label className="text-sm">
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
        <label className="text-sm">
          Upload spec files{" "}
          <input
            data-testid="spec-upload"
            type="file"
            multiple
            accept=".md,.json,.yaml,.yml,.txt"
            onChange={(event) => void onFiles(event.target.files)}
            className="text-sm"
          />
        </label>
        <label className="text-sm">
          or a folder of stories{" "}
          <input
            data-testid="spec-folder-upload"
            type="file"
            multiple
            // A folder of story files is one spec: the browser hands over every file in it.
            {...{ webkitdirectory: "", directory: "" }}
            onChange={(event) => void onFiles(event.target.files)}
            className="text-sm"
          />
        </label>
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
      </div>
      {preview.isPending ? <p className="text-sm text-slate-500">Reading the spec…</p> : null}
      {preview.error ? (
        <p role="alert" className="text-sm text-red-700">
          {preview.error.message}
        </p>
      ) : null}
      {preview.data ? <PlanPreview preview={preview.data} /> : null}
      {files ? (
        <label className="block text-sm">
          Format{" "}
          <select
            aria-label="Spec format"
            value={format}
            onChange={(event) => {
              setFormat(event.target.value);
              choose(files, event.target.value);
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
      {files && preview.data?.ok ? <RunSettingsForm value={settings} onChange={setSettings} /> : null}
      {files && preview.data?.ok ? (
        <button
          type="button"
          disabled={start.isPending}
          onClick={() => start.mutate(files)}
          className="rounded bg-blue-600 px-4 py-1.5 font-medium text-white hover:bg-blue-700 focus-visible:outline focus-visible:outline-2 disabled:opacity-50"
        >
          Start run
        </button>
      ) : null}
      {start.error ? (
        <p role="alert" className="text-sm text-red-700">
          {start.error.message}
        </p>
      ) : null}
    </>
  );
}

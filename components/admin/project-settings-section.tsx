"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { meQuery } from "../auth/me";
import { inputClass, primaryButtonClass, sectionClass } from "../forms/classes";
import { api } from "../runs/queries";
import { type ProjectDetail, projectQuery } from "./admin-queries";

/** A project's name, whether commands written in specs may run, and (read-only) its gate commands. */
export function ProjectSettingsSection({ projectId }: { projectId: string }) {
  const project = useQuery(projectQuery(projectId));
  return (
    <section
      data-testid="admin-project-settings"
      aria-labelledby="admin-settings-heading"
      className={sectionClass}
    >
      <h2 id="admin-settings-heading" className="text-lg font-semibold">
        Settings
      </h2>
      {project.isPending ? <p className="text-sm text-slate-500">Loading the project…</p> : null}
      {project.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the project: {project.error.message}
        </p>
      ) : null}
      {project.data ? (
        // Keyed by what was loaded, so the form starts again from the server's values after a save.
        <SettingsForm
          key={`${project.data.id}:${project.data.name}:${project.data.settings.specCommandsEnabled}`}
          project={project.data}
        />
      ) : null}
      {project.data ? <GateCommands gates={project.data.gates} /> : null}
    </section>
  );
}

function SettingsForm({ project }: { project: ProjectDetail }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(project.name);
  const [specCommands, setSpecCommands] = useState(project.settings.specCommandsEnabled);
  const save = useMutation({
    mutationFn: (input: { name: string; specCommandsEnabled: boolean }) =>
      api<ProjectDetail>(`/api/v1/projects/${encodeURIComponent(project.id)}`, {
        method: "PATCH",
        body: JSON.stringify(input),
      }),
    onSuccess: (saved) => queryClient.setQueryData(projectQuery(project.id).queryKey, saved),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: projectQuery(project.id).queryKey });
      void queryClient.invalidateQueries({ queryKey: meQuery().queryKey });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
  });
  const changed = name.trim() !== project.name || specCommands !== project.settings.specCommandsEnabled;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ name: name.trim(), specCommandsEnabled: specCommands });
  };

  return (
    <form onSubmit={onSubmit} aria-label={`Settings of ${project.name}`} className="space-y-3">
      <label className="block max-w-md text-sm">
        Project name
        <input
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
          className={inputClass}
        />
      </label>
      <div className="text-sm">
        <label>
          <input
            type="checkbox"
            checked={specCommands}
            aria-describedby="spec-commands-explained"
            onChange={(event) => setSpecCommands(event.target.checked)}
          />{" "}
          Allow spec-defined commands
        </label>
        <p id="spec-commands-explained" className="mt-1 max-w-3xl text-slate-600 dark:text-slate-300">
          When this is on, a gate command written in an uploaded spec runs on Specwave's workers (through the
          shell, as written) for every gate the project's configuration has no command for. Anyone who may
          upload specs to this project (approvers and administrators) could then run any command on the
          workers, with their access to the code and to any secrets there. When it is off, only the commands
          below run; a spec's own commands are shown in the gate results but skipped.
        </p>
        {specCommands && !project.settings.specCommandsEnabled ? (
          <p className="mt-1 font-medium text-amber-700 dark:text-amber-300">
            Turn this on only if you trust everyone who may upload specs to this project.
          </p>
        ) : null}
      </div>
      {save.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess && !changed ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Saved.
        </p>
      ) : null}
      <button
        type="submit"
        disabled={save.isPending || !changed || !name.trim()}
        className={primaryButtonClass}
      >
        Save settings
      </button>
    </form>
  );
}

function GateCommands({ gates }: { gates: ProjectDetail["gates"] }) {
  const entries = Object.entries(gates);
  return (
    <div className="space-y-1 border-t border-slate-200 pt-3 text-sm dark:border-slate-700">
      <h3 className="font-semibold">Gate commands</h3>
      <p className="text-slate-600 dark:text-slate-300">
        Set in the project's configuration; they run whether or not spec-defined commands are allowed.
      </p>
      {entries.length === 0 ? (
        <p className="text-slate-500">None configured.</p>
      ) : (
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1 pr-3">Gate</th>
              <th className="py-1 pr-3">Command</th>
              <th className="py-1">Time limit</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([name, gate]) => (
              <tr key={name} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-1 pr-3">{name}</td>
                <td className="py-1 pr-3 font-mono text-xs">
                  {[gate.command, ...(gate.args ?? [])].join(" ")}
                </td>
                <td className="py-1">{gate.timeoutSeconds ? `${gate.timeoutSeconds} s` : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

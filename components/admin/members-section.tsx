"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { ProjectRole } from "../auth/capabilities";
import { meQuery } from "../auth/me";
import { inputClass, primaryButtonClass, sectionClass } from "../forms/classes";
import { ConfirmButton } from "../forms/confirm-button";
import { fieldErrorsOf } from "../forms/field-errors";
import { api } from "../runs/queries";
import { membersQuery } from "./admin-queries";

const roles: { value: ProjectRole; label: string }[] = [
  { value: "viewer", label: "viewer (sees runs)" },
  { value: "approver", label: "approver (uploads specs, runs, approves waves)" },
  { value: "admin", label: "admin (also settings and members)" },
];

const selectClass =
  "rounded border border-slate-300 bg-white px-2 py-1 focus-visible:outline focus-visible:outline-2 dark:border-slate-600 dark:bg-slate-900";

/** Who may do what in one project: add someone by email with a role, change a role, remove someone. */
export function MembersSection({ projectId, projectName }: { projectId: string; projectName: string }) {
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery(projectId));
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<ProjectRole>("viewer");
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: membersQuery(projectId).queryKey });
    // Changing one's own role changes what the dashboard shows.
    void queryClient.invalidateQueries({ queryKey: meQuery().queryKey });
    void queryClient.invalidateQueries({ queryKey: ["audit"] });
  };
  // Adding someone and changing a role are the same request; two mutations keep their errors apart.
  const putMember = (input: { email: string; role: ProjectRole }) =>
    api(`/api/v1/projects/${encodeURIComponent(projectId)}/members`, {
      method: "PUT",
      body: JSON.stringify(input),
    });
  const setMember = useMutation({ mutationFn: putMember, onSettled: refresh });
  const add = useMutation({
    mutationFn: putMember,
    onSuccess: () => setEmail(""),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      api(`/api/v1/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`, {
        method: "DELETE",
      }),
    onSettled: refresh,
  });
  const rowError = setMember.error ?? remove.error;

  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (email.trim()) add.mutate({ email: email.trim(), role });
  };

  return (
    <section data-testid="admin-members" aria-labelledby="admin-members-heading" className={sectionClass}>
      <h2 id="admin-members-heading" className="text-lg font-semibold">
        Members of {projectName}
      </h2>
      {members.isPending ? <p className="text-sm text-slate-500">Loading members…</p> : null}
      {members.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the members: {members.error.message}
        </p>
      ) : null}
      {rowError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {rowError.message}
        </p>
      ) : null}
      {members.data && members.data.length === 0 ? (
        <p className="text-sm text-slate-500">
          No members yet. Administrators of Specwave may act in every project.
        </p>
      ) : null}
      {members.data && members.data.length > 0 ? (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1 pr-3">Email</th>
              <th className="py-1 pr-3">Name</th>
              <th className="py-1 pr-3">Role</th>
              <th className="py-1 pr-3">Member since</th>
              <th className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((member) => (
              <tr
                key={member.userId}
                data-testid="member-row"
                data-email={member.email}
                className="border-b border-slate-100 dark:border-slate-800"
              >
                <td className="py-1 pr-3">{member.email}</td>
                <td className="py-1 pr-3">{member.name}</td>
                <td className="py-1 pr-3">
                  <select
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    disabled={setMember.isPending}
                    onChange={(event) =>
                      setMember.mutate({ email: member.email, role: event.target.value as ProjectRole })
                    }
                    className={selectClass}
                  >
                    {roles.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.value}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-1 pr-3">{new Date(member.since).toLocaleDateString()}</td>
                <td className="py-1">
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove ${member.email}`}
                    question={`Remove ${member.email} from ${projectName}?`}
                    confirmLabel="Yes, remove"
                    testId="member-remove"
                    disabled={remove.isPending}
                    onConfirm={() => remove.mutate(member.userId)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <form
        onSubmit={onAdd}
        aria-label={`Add a member to ${projectName}`}
        data-testid="member-add"
        className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-3 dark:border-slate-700"
      >
        <label className="block text-sm">
          Email of an existing user
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            className={`${inputClass} w-72`}
          />
        </label>
        <label className="block text-sm">
          Role
          <select
            value={role}
            onChange={(event) => setRole(event.target.value as ProjectRole)}
            className={`${selectClass} mt-1 block`}
          >
            {roles.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending || !email.trim()} className={primaryButtonClass}>
          Add member
        </button>
        {add.error ? (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
            {fieldErrorsOf(add.error).email ?? add.error.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}

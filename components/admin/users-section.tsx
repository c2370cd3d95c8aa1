"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fieldErrorClass, inputClass, primaryButtonClass, sectionClass } from "../forms/classes";
import { fieldErrorsOf, formErrorOf } from "../forms/field-errors";
import { api } from "../runs/queries";
import { type UserSummary, usersQuery } from "./admin-queries";

const emptyUser = { email: "", name: "", password: "", isAdmin: false };

/** Everyone who can sign in, and a form to add someone (administrators of Specwave only). */
export function UsersSection() {
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery());
  const [form, setForm] = useState(emptyUser);
  const create = useMutation({
    mutationFn: (input: typeof emptyUser) =>
      api<{ user: UserSummary }>("/api/v1/users", { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => setForm(emptyUser),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: usersQuery().queryKey });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
  });
  const fields = fieldErrorsOf(create.error);
  const formError = formErrorOf(create.error, fields);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ ...form, email: form.email.trim(), name: form.name.trim() });
  };

  return (
    <section data-testid="admin-users" aria-labelledby="admin-users-heading" className={sectionClass}>
      <h2 id="admin-users-heading" className="text-lg font-semibold">
        Users
      </h2>
      {users.isPending ? <p className="text-sm text-slate-500">Loading users…</p> : null}
      {users.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not load the users: {users.error.message}
        </p>
      ) : null}
      {users.data ? (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1 pr-3">Email</th>
              <th className="py-1 pr-3">Name</th>
              <th className="py-1 pr-3">Administrator of Specwave</th>
              <th className="py-1">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <tr
                key={user.id}
                data-testid="user-row"
                className="border-b border-slate-100 dark:border-slate-800"
              >
                <td className="py-1 pr-3">{user.email}</td>
                <td className="py-1 pr-3">{user.name}</td>
                <td className="py-1 pr-3">{user.isAdmin ? "yes" : "no"}</td>
                <td className="py-1">{new Date(user.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <form
        aria-labelledby="admin-user-create-heading"
        data-testid="admin-user-create"
        noValidate
        onSubmit={onSubmit}
        className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700"
      >
        <h3 id="admin-user-create-heading" className="font-semibold">
          Add a user
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Give them the email and first password yourself; then give them a role in a project below.
        </p>
        <div className="grid gap-3 sm:grid-cols-3">
          <label className="block text-sm">
            Email
            <input
              type="email"
              autoComplete="off"
              value={form.email}
              onChange={(event) => setForm({ ...form, email: event.target.value })}
              aria-invalid={fields.email ? true : undefined}
              className={inputClass}
            />
            {fields.email ? <span className={fieldErrorClass}>{fields.email}</span> : null}
          </label>
          <label className="block text-sm">
            Name
            <input
              autoComplete="off"
              value={form.name}
              onChange={(event) => setForm({ ...form, name: event.target.value })}
              aria-invalid={fields.name ? true : undefined}
              className={inputClass}
            />
            {fields.name ? <span className={fieldErrorClass}>{fields.name}</span> : null}
          </label>
          <label className="block text-sm">
            First password
            <input
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(event) => setForm({ ...form, password: event.target.value })}
              aria-invalid={fields.password ? true : undefined}
              className={inputClass}
            />
            <span className={fields.password ? fieldErrorClass : "mt-1 block text-xs text-slate-500"}>
              {fields.password ?? "At least 10 characters."}
            </span>
          </label>
        </div>
        <label className="block text-sm">
          <input
            type="checkbox"
            checked={form.isAdmin}
            onChange={(event) => setForm({ ...form, isAdmin: event.target.checked })}
          />{" "}
          Administrator of Specwave (every project, users and the whole audit log)
        </label>
        {formError ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {formError}
          </p>
        ) : null}
        {create.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            Created {create.data.user.email}.
          </p>
        ) : null}
        <button type="submit" disabled={create.isPending} className={primaryButtonClass}>
          Create user
        </button>
      </form>
    </section>
  );
}

"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { fieldErrorClass, inputClass, primaryButtonClass } from "../forms/classes";
import { fieldErrorsOf, formErrorOf } from "../forms/field-errors";
import { ApiError, api } from "../runs/queries";
import { signIn } from "./session";
import { setupQuery } from "./setup-status";

const minPasswordLength = 10;

interface NewAdmin {
  email: string;
  name: string;
  password: string;
}

/**
 * The first run: creates the first administrator of Specwave, then signs them in with the same
 * email and password. Once anyone exists the server refuses it, and this page sends to sign-in.
 */
export function SetupForm() {
  const router = useRouter();
  const setup = useQuery(setupQuery());
  const [form, setForm] = useState({ email: "", name: "", password: "", confirm: "" });
  const [mismatch, setMismatch] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [signInProblem, setSignInProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async (input: NewAdmin) => {
      await api("/api/v1/setup", { method: "POST", body: JSON.stringify(input) });
      return signIn(input.email, input.password);
    },
    onSuccess: (result) => {
      if (result.ok) window.location.assign("/");
      else setSignInProblem(result.message);
    },
  });

  // Once this page has created the administrator, "no longer needed" is its own doing: stay.
  const creating = create.isPending || create.isSuccess;
  useEffect(() => {
    if (setup.data && !setup.data.needsSetup && !creating) router.replace("/sign-in");
  }, [setup.data, creating, router]);

  const fields = fieldErrorsOf(create.error);
  const formError = formErrorOf(create.error, fields);
  const tooShort = (submitted || form.password.length > 0) && form.password.length < minPasswordLength;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const differ = form.password !== form.confirm;
    setSubmitted(true);
    setMismatch(differ);
    if (differ || form.password.length < minPasswordLength) return;
    create.mutate({ email: form.email.trim(), name: form.name.trim(), password: form.password });
  };

  if (setup.isPending) return <p className="text-sm text-slate-500">Checking whether Specwave is set up…</p>;
  if (setup.error) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        Could not reach Specwave: {setup.error.message}
      </p>
    );
  }
  if (!setup.data.needsSetup && !creating) {
    return <p className="text-sm text-slate-500">Specwave is set up; opening the sign-in page…</p>;
  }

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  return (
    <form
      data-testid="setup-form"
      aria-labelledby="setup-heading"
      noValidate
      onSubmit={onSubmit}
      className="mx-auto max-w-md space-y-4 rounded-lg border border-slate-200 p-6 dark:border-slate-700"
    >
      <h1 id="setup-heading" className="text-xl font-semibold">
        Set up Specwave
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Create the first administrator. They can then create accounts for others and give them roles in
        projects. This page works only once, while Specwave has no users.
      </p>
      <label className="block text-sm">
        Email
        <input
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set("email")}
          aria-invalid={fields.email ? true : undefined}
          className={inputClass}
        />
        {fields.email ? <span className={fieldErrorClass}>{fields.email}</span> : null}
      </label>
      <label className="block text-sm">
        Name
        <input
          autoComplete="name"
          required
          value={form.name}
          onChange={set("name")}
          aria-invalid={fields.name ? true : undefined}
          className={inputClass}
        />
        {fields.name ? <span className={fieldErrorClass}>{fields.name}</span> : null}
      </label>
      <label className="block text-sm">
        Password
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          value={form.password}
          onChange={set("password")}
          aria-invalid={tooShort || fields.password ? true : undefined}
          aria-describedby="setup-password-hint"
          className={inputClass}
        />
        <span id="setup-password-hint" className={tooShort ? fieldErrorClass : "mt-1 text-xs text-slate-500"}>
          {fields.password ?? `At least ${minPasswordLength} characters.`}
        </span>
      </label>
      <label className="block text-sm">
        Confirm password
        <input
          type="password"
          autoComplete="new-password"
          required
          value={form.confirm}
          onChange={set("confirm")}
          aria-invalid={mismatch ? true : undefined}
          className={inputClass}
        />
        {mismatch ? <span className={fieldErrorClass}>The two passwords differ.</span> : null}
      </label>
      {formError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {formError}
          {create.error instanceof ApiError && create.error.status === 409 ? (
            <>
              {" "}
              <Link href="/sign-in" className="underline">
                Sign in
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {signInProblem ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          The administrator was created, but signing in failed: {signInProblem}{" "}
          <Link href="/sign-in" className="underline">
            Sign in
          </Link>
        </p>
      ) : null}
      <button
        type="submit"
        disabled={create.isPending || create.isSuccess}
        className={`${primaryButtonClass} w-full`}
      >
        {create.isPending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}

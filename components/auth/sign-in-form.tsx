"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { inputClass, primaryButtonClass } from "../forms/classes";
import { safeNextPath } from "./next-path";
import { signIn } from "./session";
import { setupQuery } from "./setup-status";

/** Email and password; afterwards back to the page that sent the person here (`?next=`). */
export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const setup = useQuery(setupQuery());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (setup.data?.needsSetup) router.replace("/setup");
  }, [setup.data, router]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn(email.trim(), password);
    if (result.ok) {
      // A full page load, so nothing cached while signed out (the 401s) outlives the sign-in.
      window.location.assign(next);
      return;
    }
    setPending(false);
    setError(result.message);
  };

  if (setup.data?.needsSetup) {
    return <p className="text-sm text-slate-500">Specwave is not set up yet; opening the first-run page…</p>;
  }

  return (
    <form
      data-testid="sign-in-form"
      aria-labelledby="sign-in-heading"
      onSubmit={(event) => void onSubmit(event)}
      className="mx-auto max-w-sm space-y-4 rounded-lg border border-slate-200 p-6 dark:border-slate-700"
    >
      <h1 id="sign-in-heading" className="text-xl font-semibold">
        Sign in to Specwave
      </h1>
      <label className="block text-sm">
        Email
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          className={inputClass}
        />
      </label>
      <label className="block text-sm">
        Password
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          className={inputClass}
        />
      </label>
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={`${primaryButtonClass} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        No account? An administrator of Specwave creates accounts and gives roles in projects.
      </p>
    </form>
  );
}

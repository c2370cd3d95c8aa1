"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { inputClass, primaryButtonClass, sectionClass } from "../forms/classes";
import { ConfirmButton } from "../forms/confirm-button";
import { api } from "../runs/queries";
import { type CreatedToken, type TokenSummary, tokensQuery } from "./token-queries";
import { TokenSecret } from "./token-secret";

const when = (at: string | null, otherwise: string) => (at ? new Date(at).toLocaleString() : otherwise);

/** The person's API tokens for the command line and CI: create one, see it once, revoke it. */
export function TokensPanel() {
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery());
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: tokensQuery().queryKey });
  const create = useMutation({
    mutationFn: (tokenName: string) =>
      api<CreatedToken>("/api/v1/tokens", { method: "POST", body: JSON.stringify({ name: tokenName }) }),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
    },
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      api<TokenSummary>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: refresh,
  });

  const onCreate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
          A token lets the <code>specwave</code> command line or a CI job use the API as you, with your roles
          in each project. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </header>

      {created ? <TokenSecret created={created} onDone={() => setCreated(null)} /> : null}

      <form
        data-testid="token-create"
        aria-labelledby="token-create-heading"
        onSubmit={onCreate}
        className={sectionClass}
      >
        <h2 id="token-create-heading" className="text-lg font-semibold">
          New token
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <label className="block text-sm">
            Token name
            <input
              required
              maxLength={100}
              placeholder="e.g. CI on main"
              value={name}
              onChange={(event) => setName(event.target.value)}
              className={`${inputClass} w-72`}
            />
          </label>
          <button type="submit" disabled={create.isPending || !name.trim()} className={primaryButtonClass}>
            Create token
          </button>
        </div>
        {create.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {create.error.message}
          </p>
        ) : null}
      </form>

      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Your tokens
        </h2>
        {tokens.isPending ? <p className="text-sm text-slate-500">Loading tokens…</p> : null}
        {tokens.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            Could not load your tokens: {tokens.error.message}
          </p>
        ) : null}
        {revoke.error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            Could not revoke the token: {revoke.error.message}
          </p>
        ) : null}
        {tokens.data && tokens.data.length === 0 ? (
          <p className="text-sm text-slate-500">No tokens yet.</p>
        ) : null}
        {tokens.data && tokens.data.length > 0 ? (
          <table className="w-full text-left text-sm" data-testid="tokens-table">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th className="py-1 pr-3">Name</th>
                <th className="py-1 pr-3">Starts with</th>
                <th className="py-1 pr-3">Created</th>
                <th className="py-1 pr-3">Last used</th>
                <th className="py-1 pr-3">State</th>
                <th className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr
                  key={token.id}
                  data-testid="token-row"
                  data-token-id={token.id}
                  data-revoked={token.revokedAt ? "true" : "false"}
                  className="border-b border-slate-100 dark:border-slate-800"
                >
                  <td className="py-1 pr-3">{token.name}</td>
                  <td className="py-1 pr-3 font-mono">{token.prefix}…</td>
                  <td className="py-1 pr-3">{when(token.createdAt, "–")}</td>
                  <td className="py-1 pr-3">{when(token.lastUsedAt, "never")}</td>
                  <td className="py-1 pr-3">
                    {token.revokedAt ? (
                      <span className="text-red-700 dark:text-red-300">
                        Revoked {when(token.revokedAt, "")}
                      </span>
                    ) : (
                      "Active"
                    )}
                  </td>
                  <td className="py-1">
                    {token.revokedAt ? null : (
                      <ConfirmButton
                        label="Revoke"
                        ariaLabel={`Revoke token ${token.name}`}
                        question={`Revoke “${token.name}”? Anything using it stops working at once.`}
                        confirmLabel="Yes, revoke"
                        testId="token-revoke"
                        disabled={revoke.isPending && revoke.variables === token.id}
                        onConfirm={() => revoke.mutate(token.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

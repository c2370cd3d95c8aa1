"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { runsQuery } from "./queries";

export function RunsList() {
  const { data, error, isPending } = useQuery({ ...runsQuery(), refetchInterval: 5000 });
  return (
    <section aria-labelledby="runs-heading" className="space-y-2">
      <h2 id="runs-heading" className="text-lg font-semibold">
        Runs
      </h2>
      {isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {data && data.length === 0 ? (
        <p className="text-sm text-slate-500">No runs yet. Plan a spec above and start one.</p>
      ) : null}
      {data && data.length > 0 ? (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="py-1">Spec</th>
              <th className="py-1">Status</th>
              <th className="py-1">Progress</th>
              <th className="py-1">Started</th>
            </tr>
          </thead>
          <tbody>
            {data.map((run) => (
              <tr key={run.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-1">
                  <Link href={`/runs/${run.id}`} className="text-blue-700 underline dark:text-blue-300">
                    {run.specName}
                  </Link>
                </td>
                <td className="py-1">{run.status.replace("_", " ")}</td>
                <td className="py-1">
                  {run.storiesDone}/{run.storiesTotal}
                </td>
                <td className="py-1">{new Date(run.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

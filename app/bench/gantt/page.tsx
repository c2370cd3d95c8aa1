import { notFound } from "next/navigation";
import { Suspense } from "react";
import { GanttBenchHarness } from "@/components/gantt/bench/gantt-bench-harness";

/**
 * The page bench/gantt.ts measures: the real Gantt fed a generated run in the browser. Hidden
 * (404) unless `?bench=1`, so a production deployment shows nothing here by accident.
 */
export default async function GanttBenchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  if (params.bench !== "1") notFound();
  const count = (value: unknown, fallback: number, max: number) => {
    const parsed = Number(value);
    return Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
  };
  return (
    <Suspense>
      <GanttBenchHarness
        items={count(params.items, 5000, 50_000)}
        waves={count(params.waves, 50, 1000)}
        auto={params.auto === "1"}
      />
    </Suspense>
  );
}

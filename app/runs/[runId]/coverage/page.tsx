import { Suspense } from "react";
import { CoveragePage } from "@/components/coverage/coverage-page";

export default async function CoverageRoute({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return (
    <Suspense fallback={<p className="p-6 text-slate-500">Loading the run…</p>}>
      <CoveragePage runId={runId} />
    </Suspense>
  );
}

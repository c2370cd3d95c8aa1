import type { Metadata } from "next";
import { Suspense } from "react";
import { AdminPage } from "@/components/admin/admin-page";

export const metadata: Metadata = { title: "Administration · Specwave" };

export default function AdminRoute() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
      <AdminPage />
    </Suspense>
  );
}

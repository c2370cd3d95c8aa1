import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ApprovalNotifications } from "@/components/approvals/approval-notifications";
import { UserMenu } from "@/components/auth/user-menu";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Specwave",
  description: "Run a spec's dependency waves with coding agents, gated and approved.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <nav className="flex flex-wrap items-baseline gap-y-2 border-b border-slate-200 px-6 py-3 dark:border-slate-800">
            <a href="/" className="text-lg font-bold tracking-tight">
              Specwave
            </a>
            <a href="/api-docs" className="ml-6 text-sm text-slate-600 underline dark:text-slate-300">
              API
            </a>
            <UserMenu />
          </nav>
          <main className="mx-auto max-w-7xl p-6">{children}</main>
          <ApprovalNotifications />
        </Providers>
      </body>
    </html>
  );
}

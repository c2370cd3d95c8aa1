import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ApprovalNotifications } from "@/components/approvals/approval-notifications";
import { UserMenu } from "@/components/auth/user-menu";
import { Providers } from "@/components/providers";
import { themeBootScript } from "@/components/theme/theme-choice";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: "Specwave",
  description: "Run a spec's dependency waves with coding agents, gated and approved.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The boot script may add "light" or "dark" to <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script
          // A chosen theme before the first paint. The CSP allows inline scripts (next.config.ts:
          // Next's own bootstrap is inline too); this one is a constant, never built from input.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of our own
          dangerouslySetInnerHTML={{ __html: themeBootScript }}
        />
      </head>
      <body className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <nav className="flex flex-wrap items-baseline gap-y-2 border-b border-slate-200 px-6 py-3 dark:border-slate-800">
            <a href="/" className="text-lg font-bold tracking-tight">
              Specwave
            </a>
            <a href="/api-docs" className="ml-6 text-sm text-slate-600 underline dark:text-slate-300">
              API
            </a>
            <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1">
              <UserMenu />
              <ThemeToggle />
            </div>
          </nav>
          <main className="mx-auto max-w-7xl p-6">{children}</main>
          <ApprovalNotifications />
        </Providers>
      </body>
    </html>
  );
}

"use client";

import { useRef, useState } from "react";
import { primaryButtonClass, secondaryButtonClass } from "../forms/classes";
import type { CreatedToken } from "./token-queries";

/** The new token's secret, shown this once with a copy button; dismissing it forgets it. */
export function TokenSecret({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const secretRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, or permission refused): select it for a manual copy.
      const node = secretRef.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied("failed");
    }
  };

  return (
    <section
      aria-labelledby="token-secret-heading"
      className="space-y-2 rounded-lg border-2 border-emerald-500 bg-emerald-50 p-4 dark:bg-emerald-950/40"
    >
      <h2 id="token-secret-heading" className="font-semibold">
        Token “{created.name}” created
      </h2>
      <p className="text-sm">
        Copy it now and keep it somewhere safe: <strong>you will not see it again.</strong> It acts with your
        roles; revoke it here when it is no longer needed.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          ref={secretRef}
          data-testid="token-secret"
          className="break-all rounded bg-white px-2 py-1 font-mono text-sm dark:bg-slate-900"
        >
          {created.token}
        </code>
        <button type="button" onClick={() => void copy()} className={primaryButtonClass}>
          Copy token
        </button>
        <button type="button" onClick={onDone} className={secondaryButtonClass}>
          I have copied it
        </button>
      </div>
      <p aria-live="polite" className="text-sm">
        {copied === "yes" ? "Copied to the clipboard." : null}
        {copied === "failed"
          ? "Could not use the clipboard; the token is selected, copy it with Ctrl+C or ⌘C."
          : null}
      </p>
    </section>
  );
}

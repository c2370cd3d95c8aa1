"use client";

import { useId, useState } from "react";
import type { SpecFileInput } from "./spec-selection";

/** Detection reads file names (a spec-kit or Kiro task list is a `tasks.md`), so the text gets one. */
export const DEFAULT_PASTE_NAME = "tasks.md";

/** Pasted spec text, previewed and uploaded exactly like one picked file of that name. */
export function PasteSpec({ onPaste }: { onPaste: (file: SpecFileInput) => void }) {
  const [name, setName] = useState(DEFAULT_PASTE_NAME);
  const [content, setContent] = useState("");
  const nameId = useId();
  const textId = useId();
  const fileName = name.trim();
  const ready = fileName !== "" && content.trim() !== "";
  return (
    <details
      data-testid="paste-spec"
      className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700"
    >
      <summary className="cursor-pointer">or paste the spec's text</summary>
      <form
        className="mt-2 space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onPaste({ name: fileName, content });
        }}
      >
        <div>
          <label htmlFor={nameId} className="mr-2">
            File name
          </label>
          <input
            id={nameId}
            data-testid="paste-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={500}
            className="rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900"
          />
          <span className="ml-2 text-xs text-slate-500">
            the format is detected from it and from the text
          </span>
        </div>
        <div>
          <label htmlFor={textId} className="block">
            Spec text
          </label>
          <textarea
            id={textId}
            data-testid="paste-text"
            value={content}
            onChange={(event) => setContent(event.target.value)}
            rows={10}
            spellCheck={false}
            className="w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <button
          type="submit"
          data-testid="paste-preview"
          disabled={!ready}
          className="rounded border border-blue-600 px-3 py-1 font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline focus-visible:outline-2 disabled:opacity-50 dark:text-blue-300 dark:hover:bg-blue-950"
        >
          Preview the pasted text
        </button>
      </form>
    </details>
  );
}

"use client";

import { type DragEvent, type ReactNode, useState } from "react";
import { readDrop } from "./dropped-files";
import { type PickedFile, SPEC_FILE_ACCEPT } from "./spec-selection";

export type OnPicked = (files: PickedFile[], source: { fromFolder: boolean }) => void;

/**
 * Where files come in: a drop area around the file picker (files or zips) and the folder picker.
 * `children` (the example chooser) sits in the same row.
 */
export function SpecPickers({ onPicked, children }: { onPicked: OnPicked; children?: ReactNode }) {
  const [dragging, setDragging] = useState(false);

  const onInput = (input: HTMLInputElement, fromFolder: boolean) => {
    const files = [...(input.files ?? [])];
    // Cleared, so picking the same file again after fixing it is a change too.
    input.value = "";
    if (files.length === 0) return;
    onPicked(
      files.map((file) => ({ path: file.webkitRelativePath || file.name, file })),
      { fromFolder },
    );
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    void readDrop(event.dataTransfer).then(({ files, fromFolder }) => onPicked(files, { fromFolder }));
  };

  return (
    <fieldset
      data-testid="spec-drop-zone"
      data-dragging={dragging ? "true" : undefined}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={(event) => {
        // Leaving for a child of the area is not leaving the area.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
      className={`rounded-lg border-2 border-dashed p-3 ${
        dragging ? "border-blue-500 bg-blue-50 dark:bg-blue-950/40" : "border-slate-300 dark:border-slate-600"
      }`}
    >
      <legend className="px-1 text-sm text-slate-600 dark:text-slate-300">
        Drop spec files, a folder or a zip here, or pick them
      </legend>
      <div className="flex flex-wrap items-center gap-4">
        <label className="text-sm">
          Upload spec files{" "}
          <input
            data-testid="spec-upload"
            type="file"
            multiple
            accept={SPEC_FILE_ACCEPT}
            onChange={(event) => onInput(event.currentTarget, false)}
            className="text-sm"
          />
        </label>
        <label className="text-sm">
          or a folder of stories{" "}
          <input
            data-testid="spec-folder-upload"
            type="file"
            multiple
            // A folder of story files is one spec: the browser hands over every file in it.
            {...{ webkitdirectory: "", directory: "" }}
            onChange={(event) => onInput(event.currentTarget, true)}
            className="text-sm"
          />
        </label>
        {children}
      </div>
    </fieldset>
  );
}

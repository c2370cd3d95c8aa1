import type { PickedFile } from "./spec-selection";

export interface DroppedFiles {
  files: PickedFile[];
  /** A folder was dropped: its files carry their paths inside it. */
  fromFolder: boolean;
}

/**
 * The files of a drop, walking into dropped folders. The entries must be taken while the drop
 * event runs (the browser empties the DataTransfer afterwards); reading them may take longer.
 */
export function readDrop(dataTransfer: DataTransfer): Promise<DroppedFiles> {
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  const flat: DroppedFiles = {
    files: [...dataTransfer.files].map((file) => ({ path: file.name, file })),
    fromFolder: false,
  };
  // Without entries (an older browser, a synthetic drop) there are no folders to walk; entries
  // that cannot be read (not backed by the file system) leave the files as dropped.
  if (entries.length === 0 || entries.some((entry) => entry === null)) return Promise.resolve(flat);
  return walkEntries(entries as FileSystemEntry[]).catch(() => flat);
}

async function walkEntries(entries: FileSystemEntry[]): Promise<DroppedFiles> {
  const files: PickedFile[] = [];
  let fromFolder = false;
  const visit = async (entry: FileSystemEntry): Promise<void> => {
    if (isDirectory(entry)) {
      fromFolder = true;
      for (const child of await readAllEntries(entry)) await visit(child);
    } else if (isFile(entry)) {
      const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
      // fullPath is "/stories/US-001.md": the path inside the drop, without the leading slash.
      files.push({ path: entry.fullPath.replace(/^\/+/, "") || file.name, file });
    }
  };
  for (const entry of entries) await visit(entry);
  return { files, fromFolder };
}

/** A directory reader answers in batches (100 in Chromium) until it answers with none. */
async function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

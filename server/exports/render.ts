import { z } from "zod";
import type { Db } from "../db/client";
import { toCheckpoint } from "./checkpoint";
import { toExecutionLog } from "./execution-log";
import { toProgressMarkdown } from "./progress-markdown";
import { toRunResult } from "./run-result";
import { type ExportSnapshot, loadRunForExport } from "./snapshot";
import { specIdentifier } from "./step-facts";
import { toTasksFile } from "./tasks-file";

export const EXPORT_FORMATS = ["checkpoint", "execution", "result", "progress", "tasks"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The export route's query: which format to download. */
export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS) });

export interface ExportDocument {
  format: ExportFormat;
  fileName: string;
  contentType: string;
  body: string;
}

const JSON_TYPE = "application/json; charset=utf-8";
const MARKDOWN_TYPE = "text/markdown; charset=utf-8";

/** Pretty-printed with a final newline, as the workflows' own files are, so they diff well in git. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Names the workflows give these files, made safe for a Content-Disposition header. */
export function renderExport(snapshot: ExportSnapshot, format: ExportFormat): ExportDocument {
  switch (format) {
    case "checkpoint":
      return {
        format,
        fileName: safeFileName(`${specIdentifier(snapshot)}.checkpoint.json`),
        contentType: JSON_TYPE,
        body: json(toCheckpoint(snapshot)),
      };
    case "execution":
      return {
        format,
        fileName: "execution.json",
        contentType: JSON_TYPE,
        body: json(toExecutionLog(snapshot)),
      };
    case "result":
      return {
        format,
        fileName: safeFileName(`${snapshot.run.id}.result.json`),
        contentType: JSON_TYPE,
        body: json(toRunResult(snapshot)),
      };
    case "progress":
      return {
        format,
        fileName: "execution-progress.md",
        contentType: MARKDOWN_TYPE,
        body: toProgressMarkdown(snapshot),
      };
    case "tasks": {
      const file = toTasksFile(snapshot);
      return {
        format,
        fileName: safeFileName(file.name.split("/").pop() ?? "tasks.md"),
        contentType: MARKDOWN_TYPE,
        body: file.content,
      };
    }
  }
}

/** Reads the run once and renders one format from that snapshot. */
export async function exportRun(db: Db, runId: string, format: ExportFormat): Promise<ExportDocument> {
  return renderExport(await loadRunForExport(db, runId), format);
}

/** Keeps letters, digits, dot, dash and underscore: a header value must not carry quotes or newlines. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "");
  return cleaned === "" ? "export" : cleaned;
}

/** `attachment; filename="…"`, the value the route sends so a browser downloads the file. */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${safeFileName(fileName)}"`;
}

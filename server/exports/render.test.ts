import { describe, expect, it } from "vitest";
import { failedRunSnapshot, runningTaskListSnapshot } from "./fixtures";
import { contentDisposition, EXPORT_FORMATS, exportQuerySchema, renderExport, safeFileName } from "./render";

describe("renderExport", () => {
  it("names each download and gives it its content type", () => {
    const snapshot = runningTaskListSnapshot();
    expect(
      EXPORT_FORMATS.map((format) => {
        const document = renderExport(snapshot, format);
        return [format, document.fileName, document.contentType];
      }),
    ).toEqual([
      ["checkpoint", "Tasks.checkpoint.json", "application/json; charset=utf-8"],
      ["execution", "execution.json", "application/json; charset=utf-8"],
      ["result", "run_t1.result.json", "application/json; charset=utf-8"],
      ["progress", "execution-progress.md", "text/markdown; charset=utf-8"],
      ["tasks", "tasks.md", "text/markdown; charset=utf-8"],
    ]);
  });

  it("pretty-prints JSON with a final newline, so an exported file diffs well in git", () => {
    const body = renderExport(failedRunSnapshot(), "result").body;
    expect(body.startsWith('{\n  "runId": "run_b1",\n')).toBe(true);
    expect(body.endsWith("}\n")).toBe(true);
    expect(JSON.parse(body).storiesFailed).toEqual(["WS3"]);
  });
});

describe("file names and the query", () => {
  it("keeps header-safe characters only", () => {
    expect(safeFileName('EXEC SPEC "7"\r\n.json')).toBe("EXEC-SPEC-7-.json");
    expect(safeFileName("../..")).toBe("export");
    expect(contentDisposition("execution.json")).toBe('attachment; filename="execution.json"');
  });

  it("accepts the five formats and nothing else", () => {
    expect(exportQuerySchema.parse({ format: "progress" })).toEqual({ format: "progress" });
    expect(exportQuerySchema.safeParse({ format: "csv" }).success).toBe(false);
    expect(exportQuerySchema.safeParse({}).success).toBe(false);
  });
});

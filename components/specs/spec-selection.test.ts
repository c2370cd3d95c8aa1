import { describe, expect, it } from "vitest";
import { ApiError } from "../runs/queries";
import {
  FILE_FIELD,
  type PickedFile,
  type SpecSelection,
  selectSpecFiles,
  specRequestBody,
  uploadErrorMessage,
  uploadName,
} from "./spec-selection";

const picked = (path: string, content = `# ${path}`): PickedFile => ({ path, file: new Blob([content]) });

describe("selectSpecFiles", () => {
  it("reads plain files as text, to be sent as JSON as before", async () => {
    const result = await selectSpecFiles([picked("spec.md", "# Spec")], { fromFolder: false });
    expect(result).toEqual({
      ok: true,
      selection: { kind: "text", files: [{ name: "spec.md", content: "# Spec" }] },
    });
  });

  it("sends a folder as multipart, keeping only spec files, named after the folder", async () => {
    const result = await selectSpecFiles(
      [picked("stories/US-001.md"), picked("stories/logo.png"), picked("stories/plan/spec.yaml")],
      { fromFolder: true },
    );
    expect(result.ok && result.selection).toMatchObject({
      kind: "upload",
      name: "stories",
      files: [{ path: "stories/US-001.md" }, { path: "stories/plan/spec.yaml" }],
    });
  });

  it("sends anything with a zip as multipart, named after a lone zip", async () => {
    const zip = await selectSpecFiles([picked("billing.zip")], { fromFolder: false });
    expect(zip.ok && zip.selection).toMatchObject({ kind: "upload", name: "billing" });
    const mixed = await selectSpecFiles([picked("a.md"), picked("more.ZIP")], { fromFolder: false });
    expect(mixed.ok && mixed.selection).toMatchObject({
      kind: "upload",
      files: [{ path: "a.md" }, { path: "more.ZIP" }],
    });
    expect(mixed.ok && mixed.selection.kind === "upload" && mixed.selection.name).toBeUndefined();
  });

  it("says so when nothing picked can be a spec", async () => {
    const result = await selectSpecFiles([picked("photos/cat.jpg")], { fromFolder: true });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining("None of these is a spec file"),
    });
  });
});

describe("uploadName", () => {
  it("names nothing when files come from several places", () => {
    expect(uploadName([picked("a/x.md"), picked("b/y.md")], true)).toBeUndefined();
    expect(uploadName([picked("a.zip"), picked("b.zip")], false)).toBeUndefined();
  });
});

describe("specRequestBody", () => {
  it("is the JSON the API has always taken for plain files", () => {
    const selection: SpecSelection = { kind: "text", files: [{ name: "s.md", content: "# S" }] };
    expect(JSON.parse(specRequestBody(selection, { format: "" }) as string)).toEqual({
      files: [{ name: "s.md", content: "# S" }],
    });
    expect(
      JSON.parse(specRequestBody(selection, { format: "exec-spec", projectId: "prj_a" }) as string),
    ).toEqual({
      files: [{ name: "s.md", content: "# S" }],
      format: "exec-spec",
      projectId: "prj_a",
    });
  });

  it("is one file part per file, named by its relative path, plus the text fields", async () => {
    const selection: SpecSelection = {
      kind: "upload",
      name: "stories",
      files: [picked("stories/US-001.md", "one"), picked("stories/set.zip", "PK")],
    };
    const form = specRequestBody(selection, { format: "user-stories", projectId: "prj_a" });
    expect(form).toBeInstanceOf(FormData);
    const parts = (form as FormData).getAll(FILE_FIELD) as File[];
    expect(parts.map((part) => part.name)).toEqual(["stories/US-001.md", "stories/set.zip"]);
    expect(await parts[0]?.text()).toBe("one");
    expect((form as FormData).get("format")).toBe("user-stories");
    expect((form as FormData).get("name")).toBe("stories");
    expect((form as FormData).get("projectId")).toBe("prj_a");
  });

  it("leaves out a format that is to be detected, and an empty list of accepted dependencies", () => {
    const form = specRequestBody(
      { kind: "upload", files: [picked("a.zip")] },
      { format: "", acceptedDependencies: [] },
    ) as FormData;
    expect(form.has("format")).toBe(false);
    expect(form.has("projectId")).toBe(false);
    expect(form.has("acceptedDependencies")).toBe(false);
  });

  it("sends accepted suggested dependencies as an array, or as JSON text in a multipart field", () => {
    const accepted = [{ item: "T002", dependsOn: "T001" }];
    const pasted: SpecSelection = { kind: "text", files: [{ name: "tasks.md", content: "# T" }] };
    expect(JSON.parse(specRequestBody(pasted, { acceptedDependencies: accepted }) as string)).toEqual({
      files: [{ name: "tasks.md", content: "# T" }],
      acceptedDependencies: accepted,
    });
    const form = specRequestBody(
      { kind: "upload", files: [picked("a.zip")] },
      { acceptedDependencies: accepted },
    ) as FormData;
    expect(JSON.parse(String(form.get("acceptedDependencies")))).toEqual(accepted);
  });
});

describe("uploadErrorMessage", () => {
  it("shows the server's message, and explains a connection closed mid-upload", () => {
    const tooLarge = new ApiError(413, "too_large", "The upload is 11,534,336 bytes; the limit is 10 MiB.");
    expect(uploadErrorMessage(tooLarge)).toBe("The upload is 11,534,336 bytes; the limit is 10 MiB.");
    expect(uploadErrorMessage(new TypeError("Failed to fetch"))).toMatch(/could not be sent/);
  });
});

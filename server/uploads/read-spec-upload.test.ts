import { describe, expect, it } from "vitest";
import { AppError, errorStatus } from "../errors/app-error";
import { DEFAULT_UPLOAD_LIMITS, readSpecUpload, UploadTooLargeError } from "./index";
import { jsonRequest, multipartRequest, refusalOf } from "./zip-fixtures";

const MiB = 1024 * 1024;

describe("DEFAULT_UPLOAD_LIMITS", () => {
  it("are the documented limits", () => {
    expect(DEFAULT_UPLOAD_LIMITS).toEqual({
      maxRequestBytes: 10 * MiB,
      maxFiles: 500,
      maxFileBytes: 2 * MiB,
      maxExpandedBytes: 50 * MiB,
      maxRatio: 100,
    });
  });
});

describe("UploadTooLargeError", () => {
  it("answers 413 with the too_large code", () => {
    const error = new UploadTooLargeError("The upload is too large.", { limit: 1 });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("too_large");
    expect(error.status).toBe(413);
    expect(error.name).toBe("UploadTooLargeError");
    expect(errorStatus.too_large).toBe(413);
  });
});

describe("readSpecUpload: JSON bodies", () => {
  it("reads the files, format and name", async () => {
    const upload = await readSpecUpload(
      jsonRequest({
        files: [
          { name: "stories/US-001.md", content: "# US-001: Checklist model\n" },
          { name: "stories/US-002.md", content: "# US-002: Checklist API\n" },
        ],
        format: "story-set",
        name: "Onboarding",
      }),
    );
    expect(upload).toEqual({
      files: [
        { name: "stories/US-001.md", content: "# US-001: Checklist model\n" },
        { name: "stories/US-002.md", content: "# US-002: Checklist API\n" },
      ],
      format: "story-set",
      name: "Onboarding",
    });
  });

  it("leaves format and name out when they were not sent", async () => {
    const upload = await readSpecUpload(jsonRequest({ files: [{ name: "spec.md", content: "# Spec\n" }] }));
    expect(upload).toEqual({ files: [{ name: "spec.md", content: "# Spec\n" }] });
    expect("format" in upload).toBe(false);
  });

  it("accepts a charset in the Content-Type", async () => {
    const request = new Request("http://specwave.test/api/v1/specs", {
      method: "POST",
      headers: { "content-type": "Application/JSON; charset=utf-8" },
      body: JSON.stringify({ files: [{ name: "spec.md", content: "# Spec\n" }] }),
    });
    expect((await readSpecUpload(request)).files).toHaveLength(1);
  });

  it("refuses a body that is not JSON", async () => {
    const request = new Request("http://specwave.test/api/v1/specs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ files: ",
    });
    expect(await refusalOf(readSpecUpload(request))).toMatchObject({
      code: "bad_request",
      status: 400,
      message: "The request body is not valid JSON.",
    });
  });

  it("says which field is wrong", async () => {
    const error = await refusalOf(readSpecUpload(jsonRequest({ files: [{ name: "spec.md", content: 42 }] })));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "bad_request", status: 400 });
    expect((error as AppError).message).toBe(
      "The upload is not valid: files[0].content: Invalid input: expected string, received number.",
    );
    expect((error as AppError).details).toHaveProperty("issues");
  });

  it("refuses an upload without files", async () => {
    expect(await refusalOf(readSpecUpload(jsonRequest({ files: [] })))).toMatchObject({
      status: 400,
      message: "The upload is not valid: files: send at least one file.",
    });
  });

  it("refuses an unknown format, listing the known ones", async () => {
    const error = await refusalOf(
      readSpecUpload(jsonRequest({ files: [{ name: "a.md", content: "# A\n" }], format: "jira" })),
    );
    expect(error).toMatchObject({ status: 400 });
    expect((error as AppError).message).toMatch(
      /^Unknown spec format "jira"; use one of: exec-spec, .*story-set/,
    );
  });

  it("refuses a file name that points outside the upload", async () => {
    const error = await refusalOf(
      readSpecUpload(jsonRequest({ files: [{ name: "../../etc/cron.d/x", content: "" }] })),
    );
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message:
        'File "../../etc/cron.d/x" points outside the upload; file names must be relative paths inside the upload.',
      details: { file: "../../etc/cron.d/x" },
    });
  });

  it("refuses more files than the limit", async () => {
    const files = Array.from({ length: 501 }, (_, index) => ({ name: `US-${index}.md`, content: "#\n" }));
    expect(await refusalOf(readSpecUpload(jsonRequest({ files })))).toMatchObject({
      code: "too_large",
      status: 413,
      message: "The upload holds 501 files; the limit is 500 per upload.",
      details: { limit: 500 },
    });
  });

  it("refuses a file over the file limit, counting UTF-8 bytes", async () => {
    // 700,000 "é" are 1.4 MB of characters but 2.8 MB of UTF-8.
    const error = await refusalOf(
      readSpecUpload(jsonRequest({ files: [{ name: "big.md", content: "é".repeat(1_400_000) }] })),
    );
    expect(error).toMatchObject({
      status: 413,
      message: 'File "big.md" is larger than 2 MiB, the limit for one file; split it into smaller files.',
      details: { file: "big.md", limit: 2 * MiB },
    });
  });

  it("refuses two files with the same name", async () => {
    const error = await refusalOf(
      readSpecUpload(
        jsonRequest({
          files: [
            { name: "a.md", content: "# 1\n" },
            { name: "a.md", content: "# 2\n" },
          ],
        }),
      ),
    );
    expect(error).toMatchObject({
      status: 400,
      message:
        'File "a.md" has the same path as another uploaded file ("a.md"); every file needs its own path.',
    });
  });
});

describe("readSpecUpload: multipart folder uploads", () => {
  it("reads several files with their folder paths, and the format and name fields", async () => {
    const upload = await readSpecUpload(
      multipartRequest(
        [
          { name: "story-set/EPIC-001-onboarding.md", content: "# EPIC-001: Guided Onboarding\n" },
          { name: "story-set/US-001-checklist-model.md", content: "# US-001: Welcome checklist model\n" },
          { name: "story-set/stories/US-002-checklist-api.md", content: "# US-002: Checklist API\n" },
        ],
        { format: "story-set", name: "Guided onboarding" },
      ),
    );
    expect(upload).toEqual({
      files: [
        { name: "story-set/EPIC-001-onboarding.md", content: "# EPIC-001: Guided Onboarding\n" },
        { name: "story-set/US-001-checklist-model.md", content: "# US-001: Welcome checklist model\n" },
        { name: "story-set/stories/US-002-checklist-api.md", content: "# US-002: Checklist API\n" },
      ],
      format: "story-set",
      name: "Guided onboarding",
    });
  });

  it("skips a folder's .DS_Store and treats an empty format as none", async () => {
    const upload = await readSpecUpload(
      multipartRequest(
        [
          { name: "stories/.DS_Store", content: Buffer.from([0, 0, 0, 1]) },
          { name: "stories/US-001.md", content: "# US-001\n" },
        ],
        { format: "" },
      ),
    );
    expect(upload).toEqual({ files: [{ name: "stories/US-001.md", content: "# US-001\n" }] });
  });

  it("decodes UTF-8 without failing on bad bytes", async () => {
    const upload = await readSpecUpload(
      multipartRequest([{ name: "US-001.md", content: Buffer.from([0x23, 0x20, 0xc3, 0xa9, 0xff, 0x0a]) }]),
    );
    expect(upload.files).toEqual([{ name: "US-001.md", content: "# é\uFFFD\n" }]);
  });

  it.each([
    ["../evil.md", "points outside the upload"],
    ["/etc/passwd", "is an absolute path"],
    ["C:\\Users\\pm\\spec.md", "is an absolute path"],
    ["stories\\US-001.md", "uses a backslash in its name; folders must be separated with /"],
  ])("refuses the file name %j", async (name, problem) => {
    const error = await refusalOf(
      readSpecUpload(
        multipartRequest([
          { name: "US-001.md", content: "# fine\n" },
          { name, content: "# evil\n" },
        ]),
      ),
    );
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message: `File "${name}" ${problem}; uploaded file names must be relative paths inside the upload.`,
      details: { file: name },
    });
  });

  it("refuses a plain file over the file limit", async () => {
    const error = await refusalOf(
      readSpecUpload(multipartRequest([{ name: "big.md", content: Buffer.alloc(2 * MiB + 1, 0x61) }])),
    );
    expect(error).toMatchObject({
      status: 413,
      message: 'File "big.md" is larger than 2 MiB, the limit for one file; split it into smaller files.',
    });
  });

  it("refuses more loose files than the limit", async () => {
    const parts = Array.from({ length: 4 }, (_, index) => ({ name: `US-${index}.md`, content: "#\n" }));
    const error = await refusalOf(
      readSpecUpload(multipartRequest(parts), { ...DEFAULT_UPLOAD_LIMITS, maxFiles: 3 }),
    );
    expect(error).toMatchObject({
      status: 413,
      message: "The upload holds more than 3 files; the limit is 3 per upload.",
      details: { file: "US-3.md", limit: 3 },
    });
  });

  it("refuses a form without file parts", async () => {
    const form = new FormData();
    form.append("name", "Onboarding");
    const request = new Request("http://specwave.test/api/v1/specs", { method: "POST", body: form });
    expect(await refusalOf(readSpecUpload(request))).toMatchObject({
      status: 400,
      message: 'The upload has no files; send each spec file in a field named "file".',
    });
  });

  it("refuses a file sent in another field instead of dropping it", async () => {
    const form = new FormData();
    form.append("attachment", new Blob(["# US-001\n"]), "US-001.md");
    const request = new Request("http://specwave.test/api/v1/specs", { method: "POST", body: form });
    expect(await refusalOf(readSpecUpload(request))).toMatchObject({
      status: 400,
      message: 'A file came in the field "attachment"; send every file in a field named "file".',
    });
  });

  it("refuses an unknown format before expanding anything", async () => {
    const error = await refusalOf(
      readSpecUpload(multipartRequest([{ name: "a.md", content: "# A\n" }], { format: "jira" })),
    );
    expect(error).toMatchObject({ status: 400 });
    expect((error as AppError).message).toMatch(/^Unknown spec format "jira"/);
  });

  it("refuses a multipart body it cannot parse", async () => {
    const request = new Request("http://specwave.test/api/v1/specs", {
      method: "POST",
      headers: { "content-type": "multipart/form-data" },
      body: "no boundary, no parts",
    });
    const error = await refusalOf(readSpecUpload(request));
    expect(error).toMatchObject({ code: "bad_request", status: 400 });
    expect((error as AppError).message).toMatch(
      /^The multipart body could not be read.*; send it as multipart\/form-data\.$/,
    );
  });
});

describe("readSpecUpload: content types", () => {
  it.each([
    ["text/plain", "The upload was sent as text/plain"],
    ["application/zip", "The upload was sent as application/zip"],
    [
      "application/x-www-form-urlencoded; charset=utf-8",
      "The upload was sent as application/x-www-form-urlencoded",
    ],
  ])("refuses %s without reading the body", async (contentType, start) => {
    const request = new Request("http://specwave.test/api/v1/specs", {
      method: "POST",
      headers: { "content-type": contentType },
      body: "files=spec.md",
    });
    const error = await refusalOf(readSpecUpload(request));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message: `${start}; send application/json or multipart/form-data (files, folders or zips).`,
    });
    expect(request.bodyUsed).toBe(false);
  });

  it("refuses a body without a Content-Type", async () => {
    const request = new Request("http://specwave.test/api/v1/specs", {
      method: "POST",
      body: new Uint8Array([1, 2, 3]),
    });
    expect(request.headers.get("content-type")).toBeNull();
    expect(await refusalOf(readSpecUpload(request))).toMatchObject({
      status: 400,
      message:
        "The upload was sent without a Content-Type; send application/json or multipart/form-data (files, folders or zips).",
    });
  });
});

describe("readSpecUpload: accepted suggested dependencies", () => {
  const accepted = [{ item: "T002", dependsOn: "T001" }];
  const file = { name: "tasks.md", content: "# Tasks\n" };

  it("reads them from a JSON upload and from a multipart field of JSON text", async () => {
    expect(await readSpecUpload(jsonRequest({ files: [file], acceptedDependencies: accepted }))).toEqual({
      files: [file],
      acceptedDependencies: accepted,
    });
    const multipart = await readSpecUpload(
      multipartRequest([file], { acceptedDependencies: JSON.stringify(accepted) }),
    );
    expect(multipart.acceptedDependencies).toEqual(accepted);
  });

  it("leaves an empty list out", async () => {
    const upload = await readSpecUpload(jsonRequest({ files: [file], acceptedDependencies: [] }));
    expect("acceptedDependencies" in upload).toBe(false);
  });

  it("refuses a wrong shape and a field that is not JSON, saying how to send it", async () => {
    for (const request of [
      jsonRequest({ files: [file], acceptedDependencies: [{ item: "T002" }] }),
      jsonRequest({ files: [file], acceptedDependencies: "T002" }),
      multipartRequest([file], { acceptedDependencies: "T002 <- T001" }),
    ]) {
      const refusal = (await refusalOf(readSpecUpload(request))) as AppError;
      expect(refusal).toMatchObject({ code: "bad_request", status: 400 });
      expect(refusal.message).toContain('"acceptedDependencies"');
    }
  });
});

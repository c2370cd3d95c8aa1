import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { DEFAULT_UPLOAD_LIMITS, readSpecUpload, type UploadLimits, UploadTooLargeError } from "./index";
import { findExpansionProblem, readWithinLimits } from "./zip-archive";
import {
  buildZip,
  declareUncompressedSize,
  type FixtureEntry,
  multipartRequest,
  refusalOf,
  renameEntry,
} from "./zip-fixtures";

const MiB = 1024 * 1024;
const storySetFolder = join(import.meta.dirname, "../../examples/specs/story-set");
const storySet = readdirSync(storySetFolder)
  .sort()
  .map((file) => ({ file, content: readFileSync(join(storySetFolder, file), "utf8") }));

/** Text that deflate cannot shrink much: random bytes written as base64. */
function incompressibleText(bytes: number): string {
  return randomBytes(bytes).toString("base64").slice(0, bytes);
}

async function uploadZip(entries: FixtureEntry[], limits?: UploadLimits) {
  const zip = await buildZip(entries);
  return readSpecUpload(multipartRequest([{ name: "stories.zip", content: zip }]), limits);
}

async function refusalOfZip(zip: Buffer, limits?: UploadLimits) {
  return refusalOf(readSpecUpload(multipartRequest([{ name: "stories.zip", content: zip }]), limits));
}

describe("zip uploads: expansion", () => {
  it("expands a story set zipped by Finder, skipping folders, __MACOSX and dotfiles", async () => {
    const zip = await buildZip([
      { name: "story-set/", directory: true },
      ...storySet.map(({ file, content }) => ({ name: `story-set/${file}`, content })),
      { name: "story-set/.DS_Store", content: Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]) },
      { name: "__MACOSX/story-set/._US-001-checklist-model.md", content: "\u0000\u0005\u0016\u0007" },
      { name: ".DS_Store", content: "binary" },
    ]);
    const upload = await readSpecUpload(
      multipartRequest([{ name: "stories.zip", content: zip }], { format: "story-set", name: "Onboarding" }),
    );

    expect(upload).toEqual({
      format: "story-set",
      name: "Onboarding",
      files: storySet.map(({ file, content }) => ({ name: `story-set/${file}`, content })),
    });
    expect(upload.files).toHaveLength(4);
  });

  it("reads stored (uncompressed) entries as well as deflated ones", async () => {
    const upload = await uploadZip([
      { name: "US-001.md", content: "# US-001: Stored\n", compressionLevel: 0 },
      { name: "US-002.md", content: "# US-002: Deflated\n", compressionLevel: 9 },
    ]);
    expect(upload.files).toEqual([
      { name: "US-001.md", content: "# US-001: Stored\n" },
      { name: "US-002.md", content: "# US-002: Deflated\n" },
    ]);
  });

  it("puts a zip's entries next to the zip inside a folder upload, beside plain files", async () => {
    const zip = await buildZip([{ name: "US-002.md", content: "# US-002\n" }]);
    const upload = await readSpecUpload(
      multipartRequest([
        { name: "sets/EPIC-001.md", content: "# EPIC-001\n" },
        { name: "sets/more-stories.zip", content: zip },
      ]),
    );
    expect(upload.files).toEqual([
      { name: "sets/EPIC-001.md", content: "# EPIC-001\n" },
      { name: "sets/US-002.md", content: "# US-002\n" },
    ]);
  });

  it("recognises a zip by its first bytes even when its name does not say so", async () => {
    const zip = await buildZip([{ name: "US-001.md", content: "# US-001\n" }]);
    const upload = await readSpecUpload(multipartRequest([{ name: "stories.md", content: zip }]));
    expect(upload.files).toEqual([{ name: "US-001.md", content: "# US-001\n" }]);
  });

  it("decodes entries as UTF-8 and leaves bad bytes to the spec parser", async () => {
    const upload = await uploadZip([
      {
        name: "US-001.md",
        content: Buffer.concat([Buffer.from("# Café "), Buffer.from([0xff]), Buffer.from("\n")]),
      },
    ]);
    expect(upload.files[0]?.content).toBe("# Café \uFFFD\n");
  });

  it("refuses a zip whose only entries are skipped", async () => {
    const error = await uploadZip([
      { name: "__MACOSX/._x.md", content: "meta" },
      { name: ".DS_Store", content: "meta" },
    ]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message:
        "The upload holds no spec files: only folders, hidden files (such as .DS_Store) or macOS metadata.",
    });
  });

  it("refuses a file that is not a zip at all", async () => {
    const error = await refusalOf(
      readSpecUpload(multipartRequest([{ name: "stories.zip", content: "# not a zip\n" }])),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "bad_request", status: 400, details: { file: "stories.zip" } });
    expect((error as AppError).message).toMatch(
      /^stories\.zip is not a zip archive Specwave can read \(.+\)\.$/,
    );
  });

  it("refuses a zip inside the zip instead of expanding it", async () => {
    const inner = await buildZip([{ name: "US-001.md", content: "# US-001\n" }]);
    const error = await refusalOfZip(await buildZip([{ name: "inner.zip", content: inner }]));
    expect(error).toMatchObject({
      status: 400,
      message:
        'stories.zip: entry "inner.zip" is itself a zip archive; archives inside archives are not expanded, so add its files instead.',
    });
    const disguised = await refusalOfZip(await buildZip([{ name: "inner.md", content: inner }]));
    expect(disguised).toMatchObject({ status: 400, details: { file: "stories.zip", entry: "inner.md" } });
  });

  it("refuses two files with the same path", async () => {
    const zip = await buildZip([{ name: "US-001.md", content: "# from the zip\n" }]);
    const error = await refusalOf(
      readSpecUpload(
        multipartRequest([
          { name: "US-001.md", content: "# loose\n" },
          { name: "stories.zip", content: zip },
        ]),
      ),
    );
    expect(error).toMatchObject({
      status: 400,
      message:
        'stories.zip: entry "US-001.md" has the same path as another uploaded file ("US-001.md"); every file needs its own path.',
    });
  });
});

describe("zip uploads: unsafe entries refuse the whole upload", () => {
  it("refuses an entry that climbs out with ../", async () => {
    const zip = renameEntry(
      await buildZip([
        { name: "US-001.md", content: "# fine\n" },
        { name: "xx/evil.md", content: "# evil\n" },
      ]),
      "xx/evil.md",
      "../evil.md",
    );
    const error = await refusalOfZip(zip);
    expect(error).toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(UploadTooLargeError);
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message:
        'stories.zip: entry "../evil.md" points outside the upload; zip entries must be relative paths inside the archive.',
      details: { file: "stories.zip", entry: "../evil.md" },
    });
  });

  it.each([
    ["/etc/passwd.md", "xetc/passwd.md", "is an absolute path"],
    ["C:\\evil.md", "Cx/evil.md", "is an absolute path"],
    ["\\\\srv\\evil.md", "xxsrv/evil.md", "is an absolute path"],
    ["stories/..\\..\\evil.md", "stories/xx/xx/evil.md", "points outside the upload"],
    [
      "stories\\US-001.md",
      "stories/US-001.md",
      "uses a backslash in its name; folders must be separated with /",
    ],
  ])("refuses the entry %j", async (unsafe, placeholder, problem) => {
    const zip = renameEntry(await buildZip([{ name: placeholder, content: "# x\n" }]), placeholder, unsafe);
    const error = await refusalOfZip(zip);
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message: `stories.zip: entry "${unsafe}" ${problem}; zip entries must be relative paths inside the archive.`,
      details: { file: "stories.zip", entry: unsafe },
    });
  });

  it("refuses an entry with a NUL in its name, showing the NUL", async () => {
    const zip = renameEntry(
      await buildZip([{ name: "US-1.mdX.exe", content: "x" }]),
      "US-1.mdX.exe",
      "US-1.md\u0000.exe",
    );
    const error = await refusalOfZip(zip);
    expect(error).toMatchObject({
      status: 400,
      message:
        'stories.zip: entry "US-1.md\\u0000.exe" has a control character (such as NUL) in its name; zip entries must be relative paths inside the archive.',
    });
  });

  it("refuses a symbolic link entry", async () => {
    const zip = await buildZip([
      { name: "US-001.md", content: "# fine\n" },
      { name: "link.md", content: "../../../etc/passwd", mode: 0o120777 },
    ]);
    const error = await refusalOfZip(zip);
    expect(error).toMatchObject({
      code: "bad_request",
      status: 400,
      message:
        'stories.zip: entry "link.md" is a symbolic link; links are not accepted in uploads, add the file itself.',
      details: { file: "stories.zip", entry: "link.md" },
    });
  });

  it("refuses a symbolic link even where a plain file would be skipped", async () => {
    const zip = await buildZip([{ name: ".hidden-link", content: "/etc", mode: 0o120755 }]);
    expect(await refusalOfZip(zip)).toMatchObject({ status: 400, details: { entry: ".hidden-link" } });
  });
});

describe("zip uploads: limits", () => {
  it("refuses the 501st file", async () => {
    const entries = Array.from({ length: 501 }, (_, index) => ({
      name: `US-${index}.md`,
      content: `# ${index}\n`,
    }));
    const error = await refusalOfZip(await buildZip(entries));
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect(error).toMatchObject({
      code: "too_large",
      status: 413,
      message: "stories.zip: the upload holds more than 500 files; the limit is 500 per upload.",
      details: { file: "stories.zip", entry: "US-500.md", limit: 500 },
    });
  });

  it("counts a folder's loose files and zip entries together", async () => {
    const zip = await buildZip([
      { name: "US-002.md", content: "# 2\n" },
      { name: "US-003.md", content: "# 3\n" },
    ]);
    const error = await refusalOf(
      readSpecUpload(
        multipartRequest([
          { name: "US-001.md", content: "# 1\n" },
          { name: "stories.zip", content: zip },
        ]),
        { ...DEFAULT_UPLOAD_LIMITS, maxFiles: 2 },
      ),
    );
    expect(error).toMatchObject({
      status: 413,
      message: "stories.zip: the upload holds more than 2 files; the limit is 2 per upload.",
    });
  });

  it("refuses an entry over the file limit", async () => {
    const error = await refusalOfZip(
      await buildZip([{ name: "big.md", content: incompressibleText(3 * MiB) }]),
    );
    expect(error).toMatchObject({
      code: "too_large",
      status: 413,
      message:
        'stories.zip: entry "big.md" is larger than 2 MiB, the limit for one file; split it into smaller files.',
      details: { file: "stories.zip", entry: "big.md", limit: 2 * MiB },
    });
  });

  it("refuses entries that expand past the total limit together", async () => {
    const zip = await buildZip([
      { name: "US-001.md", content: incompressibleText(60 * 1024) },
      { name: "US-002.md", content: incompressibleText(60 * 1024) },
    ]);
    const error = await refusalOfZip(zip, { ...DEFAULT_UPLOAD_LIMITS, maxExpandedBytes: 100 * 1024 });
    expect(error).toMatchObject({
      status: 413,
      message:
        "stories.zip: the upload expands to more than 100 KiB, the limit for all files together; upload fewer files at a time.",
      details: { file: "stories.zip", entry: "US-002.md", limit: 100 * 1024 },
    });
  });

  it("refuses a zip bomb: 20 MB of zeros squeezed into a few kilobytes", async () => {
    const zip = await buildZip([
      { name: "zeros.md", content: Buffer.alloc(20_000_000), compressionLevel: 9 },
    ]);
    expect(zip.byteLength).toBeLessThan(100_000);
    const error = await refusalOfZip(zip);
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect(error).toMatchObject({
      code: "too_large",
      status: 413,
      message:
        'stories.zip: entry "zeros.md" expands more than 100 times its compressed size (possible zip bomb); upload refused.',
      details: { file: "stories.zip", entry: "zeros.md", limit: 100 },
    });
  });

  it("refuses an archive of many small, very compressible entries by its overall ratio", async () => {
    // Each entry stays under the size where its own ratio is judged; the archive as a whole does not.
    const entries = Array.from({ length: 40 }, (_, index) => ({
      name: `US-${index}.md`,
      content: Buffer.alloc(60 * 1024, 0x20),
    }));
    const error = await refusalOfZip(await buildZip(entries));
    expect(error).toMatchObject({
      code: "too_large",
      status: 413,
      message: "stories.zip: expands more than 100 times its size (possible zip bomb); upload refused.",
      details: { file: "stories.zip", limit: 100 },
    });
  });

  it("judges the bytes actually inflated when the header lies about the size", async () => {
    const honest = await buildZip([
      { name: "zeros.md", content: Buffer.alloc(20_000_000), compressionLevel: 9 },
    ]);
    // The central directory now says 1,000 bytes: nothing to fear from the header alone.
    const lying = declareUncompressedSize(honest, "zeros.md", 1000);
    const error = await refusalOfZip(lying);
    expect(error).toMatchObject({
      status: 413,
      message:
        'stories.zip: entry "zeros.md" expands more than 100 times its compressed size (possible zip bomb); upload refused.',
    });
  });

  it("stops at the file limit when a lying entry is not compressible enough to look like a bomb", async () => {
    const honest = await buildZip([{ name: "big.md", content: incompressibleText(3 * MiB) }]);
    const error = await refusalOfZip(declareUncompressedSize(honest, "big.md", 1000));
    expect(error).toMatchObject({
      status: 413,
      message:
        'stories.zip: entry "big.md" is larger than 2 MiB, the limit for one file; split it into smaller files.',
    });
  });

  it("refuses an entry whose size does not match its header even within the limits", async () => {
    const text = incompressibleText(5000);
    const under = declareUncompressedSize(
      await buildZip([{ name: "US-001.md", content: text }]),
      "US-001.md",
      1000,
    );
    expect(await refusalOfZip(under)).toMatchObject({
      code: "bad_request",
      status: 400,
      message:
        'stories.zip: entry "US-001.md" holds 5,000 bytes but its header declares 1,000; the archive is damaged or crafted, upload refused.',
    });
    const over = declareUncompressedSize(
      await buildZip([{ name: "US-001.md", content: text }]),
      "US-001.md",
      6000,
    );
    expect(await refusalOfZip(over)).toMatchObject({ status: 400, details: { entry: "US-001.md" } });
  });
});

describe("findExpansionProblem", () => {
  const limits = DEFAULT_UPLOAD_LIMITS;
  const calm = {
    entryBytes: 100_000,
    entryCompressedBytes: 20_000,
    archiveExpandedBytes: 100_000,
    archiveBytes: 20_500,
    uploadExpandedBytes: 100_000,
  };

  it("finds nothing wrong with an ordinary entry", () => {
    expect(findExpansionProblem(calm, limits)).toBeNull();
  });

  it("judges ratios only above 64 KiB, so small repetitive files pass", () => {
    expect(
      findExpansionProblem({ ...calm, entryBytes: 60_000, entryCompressedBytes: 60 }, limits),
    ).toBeNull();
    expect(findExpansionProblem({ ...calm, entryBytes: 70_000, entryCompressedBytes: 60 }, limits)).toBe(
      "entry_ratio",
    );
  });

  it("names each limit", () => {
    expect(
      findExpansionProblem({ ...calm, entryBytes: 2 * MiB + 1, entryCompressedBytes: MiB }, limits),
    ).toBe("entry_size");
    expect(
      findExpansionProblem({ ...calm, archiveExpandedBytes: 3_000_000, archiveBytes: 20_000 }, limits),
    ).toBe("archive_ratio");
    expect(findExpansionProblem({ ...calm, uploadExpandedBytes: 50 * MiB + 1 }, limits)).toBe("upload_size");
  });

  it("treats an entry with no compressed bytes but real content as a bomb", () => {
    expect(findExpansionProblem({ ...calm, entryBytes: 100_000, entryCompressedBytes: 0 }, limits)).toBe(
      "entry_ratio",
    );
  });
});

describe("readWithinLimits", () => {
  it("stops pulling from an endless stream at the first chunk past the limit", async () => {
    const pulled = { chunks: 0, closed: false };
    async function* endless() {
      try {
        for (;;) {
          pulled.chunks++;
          yield new Uint8Array(16 * 1024);
        }
      } finally {
        pulled.closed = true;
      }
    }
    const error = await refusalOf(
      readWithinLimits(endless(), (bytes) => {
        if (bytes > 100 * 1024) throw new Error(`over at ${bytes}`);
      }),
    );
    expect(error).toEqual(new Error(`over at ${7 * 16 * 1024}`));
    expect(pulled.chunks).toBe(7);
    expect(pulled.closed).toBe(true);
  });

  it("returns every byte of a stream within the limit", async () => {
    async function* three() {
      yield Buffer.from("# US");
      yield Buffer.from("-001");
      yield Buffer.from("\n");
    }
    const bytes = await readWithinLimits(three(), () => undefined);
    expect(bytes.toString("utf8")).toBe("# US-001\n");
  });
});

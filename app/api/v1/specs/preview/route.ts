import { NextResponse } from "next/server";
import { previewSpec } from "@/server/projects/specs";
import { readSpecUpload } from "@/server/uploads";
import { route } from "@/server/web/route";

/**
 * Parses and plans the files without storing them: the upload page's preview (for people who
 * may upload). JSON, or multipart files, folders and zips, within the upload limits; accepted
 * suggested dependencies are applied, and each issue carries the text of its line.
 */
export const POST = route({ kind: "body-project", role: "approver" }, async ({ request }) => {
  const upload = await readSpecUpload(request);
  return NextResponse.json(previewSpec(upload.files, upload.format, upload.acceptedDependencies));
});

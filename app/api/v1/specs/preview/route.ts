import { NextResponse } from "next/server";
import { previewSpec } from "@/server/projects/specs";
import { readJson, route } from "@/server/web/route";
import { specUploadSchema } from "@/server/web/schemas";

/** Parses and plans the files without storing them: the upload page's preview. */
export const POST = route(async (request: Request) => {
  const input = await readJson(request, specUploadSchema);
  return NextResponse.json(previewSpec(input.files, input.format));
});

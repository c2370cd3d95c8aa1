import { NextResponse } from "next/server";
import { readExample } from "@/server/projects/examples";
import { route } from "@/server/web/route";

export const GET = route({ kind: "signed-in" }, async ({ params }) =>
  NextResponse.json(await readExample(process.cwd(), decodeURIComponent(params.name ?? ""))),
);

import { NextResponse } from "next/server";
import { listExamples } from "@/server/projects/examples";
import { route } from "@/server/web/route";

export const GET = route({ kind: "signed-in" }, async () =>
  NextResponse.json({ examples: await listExamples(process.cwd()) }),
);

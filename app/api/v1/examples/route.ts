import { NextResponse } from "next/server";
import { listExamples } from "@/server/projects/examples";
import { route } from "@/server/web/route";

export const GET = route(async () => NextResponse.json({ examples: await listExamples(process.cwd()) }));

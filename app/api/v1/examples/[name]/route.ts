import { NextResponse } from "next/server";
import { readExample } from "@/server/projects/examples";
import { route } from "@/server/web/route";

export const GET = route(async (_request: Request, context: { params: Promise<{ name: string }> }) => {
  const { name } = await context.params;
  return NextResponse.json(await readExample(process.cwd(), decodeURIComponent(name)));
});

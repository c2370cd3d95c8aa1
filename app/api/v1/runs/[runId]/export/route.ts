import { contentDisposition, exportQuerySchema, exportRun } from "@/server/exports";
import { appServices } from "@/server/runtime/app-services";
import { route } from "@/server/web/route";

export const dynamic = "force-dynamic";

/** Downloads a run in one of the seed workflows' formats: `?format=checkpoint|execution|result|progress|tasks`. */
export const GET = route(async (request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { runId } = await context.params;
  const query = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { db } = await appServices();
  const document = await exportRun(db, runId, query.format);
  return new Response(document.body, {
    headers: {
      "content-type": document.contentType,
      "content-disposition": contentDisposition(document.fileName),
      // A run changes while it is watched; a cached export would be a stale one.
      "cache-control": "no-store",
    },
  });
});

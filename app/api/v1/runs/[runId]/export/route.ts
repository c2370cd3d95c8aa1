import { contentDisposition, exportQuerySchema, exportRun } from "@/server/exports";
import { projectOf, route } from "@/server/web/route";

export const dynamic = "force-dynamic";

/** Downloads a run in one of the seed workflows' formats: `?format=checkpoint|execution|result|progress|tasks`. */
export const GET = route(
  { kind: "project", role: "viewer", project: projectOf.run, what: "such run" },
  async ({ request, params, services }) => {
    const query = exportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const document = await exportRun(services.db, params.runId ?? "", query.format);
    return new Response(document.body, {
      headers: {
        "content-type": document.contentType,
        "content-disposition": contentDisposition(document.fileName),
        // A run changes while it is watched; a cached export would be a stale one.
        "cache-control": "no-store",
      },
    });
  },
);

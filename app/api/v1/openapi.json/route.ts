import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/server/api-docs/openapi";
import { route } from "@/server/web/route";

/** The OpenAPI 3.1 document of this API, generated from the zod schemas the handlers use. */
export const GET = route(async () => NextResponse.json(buildOpenApiDocument()));

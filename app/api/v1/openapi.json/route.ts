import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/server/api-docs/openapi";
import { route } from "@/server/web/route";

/**
 * The OpenAPI 3.1 document of this API, generated from the zod schemas the handlers use. Public:
 * it describes the API, holds no data, and tools fetch it before they have a token.
 */
export const GET = route({ kind: "public" }, async () => NextResponse.json(buildOpenApiDocument()));

import { z } from "zod";

/** Cursor paging shared by the list endpoints' schemas. */
export const nextCursor = z
  .string()
  .nullable()
  .meta({ description: "Pass as `cursor` for the next page; null on the last page." });

/** `?limit=&cursor=` of a list whose ids (`<kind>_…`) sort by creation time. */
export function pageQuery(kind: "run" | "spec") {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "At most this many (default 50)." }),
    cursor: z
      .string()
      .regex(new RegExp(`^${kind}_[0-9a-z]{22}$`))
      .optional()
      .meta({ description: "The `nextCursor` of the previous page." }),
  };
}

import { NextResponse } from "next/server";
import { z } from "zod";
import { recordAudit } from "@/server/auth/audit";
import { createToken, listTokens } from "@/server/auth/tokens";
import { clientIp, readJson, route } from "@/server/web/route";

/** The caller's own API tokens (never the secrets: those are shown once, at creation). */
export const GET = route({ kind: "signed-in" }, async ({ services, principal }) =>
  NextResponse.json({ tokens: await listTokens(services.db, principal.userId) }),
);

/** Creates a token with the caller's own roles; the answer is the only time it is shown. */
export const POST = route({ kind: "signed-in" }, async ({ request, services, principal }) => {
  const input = await readJson(request, z.object({ name: z.string().trim().min(1).max(100) }));
  const { token, record } = await createToken(services.db, principal.userId, input.name);
  await recordAudit(services.db, {
    action: "token_created",
    actor: principal,
    target: record.id,
    details: { name: record.name, prefix: record.prefix },
    ip: clientIp(request),
  });
  return NextResponse.json({ token, ...record }, { status: 201 });
});

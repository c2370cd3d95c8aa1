import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { forbidden } from "@/server/auth/errors";
import { createToken, listTokens } from "@/server/auth/tokens";
import { clientIp, readJson, route } from "@/server/web/route";
import { tokenCreateSchema } from "@/server/web/schemas";

/** The caller's own API tokens (never the secrets: those are shown once, at creation). */
export const GET = route({ kind: "signed-in" }, async ({ services, principal }) =>
  NextResponse.json({ tokens: await listTokens(services.db, principal.userId) }),
);

/** Creates a token with the caller's own roles; the answer is the only time it is shown. */
export const POST = route({ kind: "signed-in" }, async ({ request, services, principal }) => {
  // Only a signed-in person makes tokens: a leaked token must not be able to mint a successor
  // that outlives its revocation.
  if (principal.via !== "session")
    throw forbidden("Create tokens from the dashboard, signed in; a token cannot create tokens.");
  const input = await readJson(request, tokenCreateSchema);
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

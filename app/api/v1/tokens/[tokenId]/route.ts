import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { revokeToken } from "@/server/auth/tokens";
import { clientIp, route } from "@/server/web/route";

/** Revokes one of the caller's tokens (administrators of Specwave: anyone's). It stops working at once. */
export const DELETE = route({ kind: "signed-in" }, async ({ request, params, services, principal }) => {
  const token = await revokeToken(services.db, params.tokenId ?? "", principal);
  await recordAudit(services.db, {
    action: "token_revoked",
    actor: principal,
    target: token.id,
    details: { name: token.name, prefix: token.prefix },
    ip: clientIp(request),
  });
  return NextResponse.json(token);
});

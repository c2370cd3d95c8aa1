import { NextResponse } from "next/server";
import { recordAudit } from "@/server/auth/audit";
import { createFirstAdmin, needsFirstAdmin } from "@/server/auth/users";
import { appServices } from "@/server/runtime/app-services";
import { clientIp, route } from "@/server/web/route";

/**
 * The first-run flow. Public by necessity (nobody can sign in yet), and it does something only
 * while Specwave has no users: then it creates the first administrator, once.
 */
export const GET = route({ kind: "public" }, async () =>
  NextResponse.json({ needsSetup: await needsFirstAdmin((await appServices()).db) }),
);

export const POST = route({ kind: "public" }, async ({ request }) => {
  const services = await appServices();
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    body = {};
  }
  const user = await createFirstAdmin(services.db, body);
  await recordAudit(services.db, {
    action: "admin_created",
    actor: { userId: user.id, email: user.email },
    target: user.id,
    ip: clientIp(request),
  });
  return NextResponse.json({ user }, { status: 201 });
});

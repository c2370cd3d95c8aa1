import { recordAudit } from "@/server/auth/audit";
import { appAuth, appServices } from "@/server/runtime/app-services";
import { clientIp } from "@/server/web/route";

/**
 * better-auth's endpoints (sign-in, sign-out, session). Public by nature: they are how a person
 * becomes signed in. Sign-up is closed in its configuration; sign-in is rate limited per
 * address. Sign-ins, failed sign-ins and sign-outs go to the audit log.
 */
async function handle(request: Request): Promise<Response> {
  const auth = await appAuth();
  const path = new URL(request.url).pathname;
  const audited =
    request.method === "POST" && (path.endsWith("/sign-in/email") || path.endsWith("/sign-out"));
  const email = audited && path.endsWith("/sign-in/email") ? await emailOf(request.clone()) : null;
  const session = path.endsWith("/sign-out") ? await auth.api.getSession({ headers: request.headers }) : null;
  const response = await auth.handler(request);
  if (audited) {
    const { db } = await appServices();
    const ip = clientIp(request);
    if (path.endsWith("/sign-out")) {
      if (session) {
        await recordAudit(db, {
          action: "sign_out",
          actor: { userId: session.user.id, email: session.user.email },
          ip,
        });
      }
    } else if (response.ok) {
      const user = email
        ? await db.user.findUnique({ where: { email }, select: { id: true, email: true } })
        : null;
      await recordAudit(db, {
        action: "sign_in",
        actor: user ? { userId: user.id, email: user.email, via: "session" } : undefined,
        ip,
      });
    } else {
      await recordAudit(db, {
        action: "sign_in_failed",
        actorEmail: email ?? undefined,
        details: { status: response.status },
        ip,
      });
    }
  }
  return response;
}

async function emailOf(request: Request): Promise<string | null> {
  try {
    const body = (await request.json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : null;
  } catch {
    return null;
  }
}

export const GET = handle;
export const POST = handle;

import { NextResponse } from "next/server";
import { z } from "zod";
import { recordAudit } from "@/server/auth/audit";
import { createUser, listUsers, newUserSchema } from "@/server/auth/users";
import { clientIp, readJson, route } from "@/server/web/route";

export const GET = route({ kind: "instance-admin" }, async ({ services }) =>
  NextResponse.json({ users: await listUsers(services.db) }),
);

/** Creates a user with a first password; an administrator then gives them roles in projects. */
export const POST = route({ kind: "instance-admin" }, async ({ request, services, principal }) => {
  const input = await readJson(request, newUserSchema.extend({ isAdmin: z.boolean().optional() }));
  const user = await createUser(services.db, input, { isAdmin: input.isAdmin });
  await recordAudit(services.db, {
    action: "user_created",
    actor: principal,
    target: user.id,
    details: { email: user.email, isAdmin: user.isAdmin },
    ip: clientIp(request),
  });
  return NextResponse.json({ user }, { status: 201 });
});

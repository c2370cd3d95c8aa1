import { z } from "zod";
import { announceAccessChange } from "../auth/access-changes";
import { projectRoles } from "../auth/roles";
import type { Db, Prisma } from "../db/client";
import { runSettingsSchema } from "../engine/types";
import { AppError } from "../errors/app-error";
import { type ProjectConfig, projectConfigSchema, readProjectConfig } from "./project-config";

export const memberInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  role: z.enum(projectRoles),
});

export async function listMembers(db: Db, projectId: string) {
  const rows = await db.membership.findMany({
    where: { projectId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  return rows.map((row) => ({
    ...row.user,
    userId: row.user.id,
    role: row.role,
    since: row.createdAt.toISOString(),
  }));
}

/** Adds a user to a project or changes their role. The user must exist (an administrator creates users). */
export async function setMember(db: Db, projectId: string, raw: unknown) {
  const input = memberInputSchema.parse(raw);
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user) throw new AppError("not_found", `No user with the email ${input.email}; create the user first.`);
  await db.$transaction(async (tx) => {
    await tx.membership.upsert({
      where: { projectId_userId: { projectId, userId: user.id } },
      create: { projectId, userId: user.id, role: input.role },
      update: { role: input.role },
    });
    await announceAccessChange(tx, { userId: user.id });
  });
  return { userId: user.id, email: input.email, role: input.role };
}

/** Removes a membership; the person's open pages stop hearing of the project's runs at once. */
export async function removeMember(db: Db, projectId: string, userId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.membership.deleteMany({ where: { projectId, userId } });
    if (count === 0) throw new AppError("not_found", `User ${userId} is not a member of ${projectId}.`);
    await announceAccessChange(tx, { userId });
  });
}

/** The settings an administrator may change from the dashboard or the API. */
export const projectSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    specCommandsEnabled: z.boolean().optional(),
    runDefaults: projectConfigSchema.shape.runDefaults.superRefine(checkRunDefaults).optional(),
  })
  .strict();

/**
 * Run defaults are checked as a run's own settings would be, unknown names included, so a typo
 * or an out-of-range value is refused here, naming the setting, rather than refusing every run
 * the project starts later. Only the settings given are stored: the rest stay the server's.
 */
function checkRunDefaults(value: Record<string, unknown>, context: z.RefinementCtx): void {
  const checked = runSettingsSchema.strict().safeParse(value);
  if (checked.success) return;
  for (const issue of checked.error.issues) {
    context.addIssue({ code: "custom", message: issue.message, path: issue.path });
  }
}

export async function getProject(db: Db, projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new AppError("not_found", `No project ${projectId}.`);
  const config = readProjectConfig(project.config);
  return {
    id: project.id,
    name: project.name,
    createdAt: project.createdAt.toISOString(),
    settings: { specCommandsEnabled: config.specCommandsEnabled, runDefaults: config.runDefaults },
    gates: Object.fromEntries(Object.entries(config.gates).map(([name, command]) => [name, command])),
  };
}

export async function updateProjectSettings(db: Db, projectId: string, raw: unknown) {
  const input = projectSettingsSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: projectId } });
    if (!project) throw new AppError("not_found", `No project ${projectId}.`);
    const config: ProjectConfig = readProjectConfig(project.config);
    if (input.specCommandsEnabled !== undefined) config.specCommandsEnabled = input.specCommandsEnabled;
    if (input.runDefaults !== undefined) config.runDefaults = input.runDefaults;
    await tx.project.update({
      where: { id: projectId },
      data: { name: input.name ?? project.name, config: config as unknown as Prisma.InputJsonValue },
    });
    return input;
  });
}

export async function listProjects(db: Db, projectIds: string[] | "all") {
  const rows = await db.project.findMany({
    where: projectIds === "all" ? {} : { id: { in: projectIds } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

import path from "node:path";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { demoProjectConfig, type ProjectConfig, readProjectConfig } from "./project-config";

/** The project every fresh installation starts with: a demo git workspace under the data folder. */
export const demoProjectId = "prj_demo";

export async function ensureDemoProject(
  db: Db,
  dataDir: string,
): Promise<{ id: string; workspacePath: string }> {
  const workspacePath = path.join(dataDir, "workspaces", "demo");
  return db.project.upsert({
    where: { id: demoProjectId },
    create: {
      id: demoProjectId,
      name: "Demo workspace",
      workspacePath,
      config: demoProjectConfig as unknown as Prisma.InputJsonValue,
    },
    // The demo project's gates are Specwave's own: keep them current. What an administrator
    // set (spec-defined commands, run defaults) is kept.
    update: {
      config: { ...demoProjectConfig, ...(await adminSettings(db)) } as unknown as Prisma.InputJsonValue,
    },
    select: { id: true, workspacePath: true },
  });
}

async function adminSettings(db: Db): Promise<Partial<ProjectConfig>> {
  const existing = await db.project.findUnique({ where: { id: demoProjectId }, select: { config: true } });
  if (!existing) return {};
  const config = readProjectConfig(existing.config);
  return { specCommandsEnabled: config.specCommandsEnabled, runDefaults: config.runDefaults };
}

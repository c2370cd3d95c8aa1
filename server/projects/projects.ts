import path from "node:path";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { demoProjectConfig } from "./project-config";

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
    // The demo project's configuration is Specwave's own: keep it current.
    update: { config: demoProjectConfig as unknown as Prisma.InputJsonValue },
    select: { id: true, workspacePath: true },
  });
}

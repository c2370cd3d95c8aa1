import path from "node:path";
import type { Db } from "../db/client";

/** The project every fresh installation starts with: a demo git workspace under the data folder. */
export const demoProjectId = "prj_demo";

export async function ensureDemoProject(
  db: Db,
  dataDir: string,
): Promise<{ id: string; workspacePath: string }> {
  const workspacePath = path.join(dataDir, "workspaces", "demo");
  return db.project.upsert({
    where: { id: demoProjectId },
    create: { id: demoProjectId, name: "Demo workspace", workspacePath },
    update: {},
    select: { id: true, workspacePath: true },
  });
}

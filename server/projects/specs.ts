import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import { AppError } from "../errors/app-error";
import { type Plan, planFiles } from "../planning";
import type { SpecFile, SpecFormat, SpecIssue } from "../specs";

export interface SpecPreview {
  ok: boolean;
  format?: SpecFormat;
  plan?: Plan;
  errors: SpecIssue[];
  warnings: SpecIssue[];
}

/** Parses and plans uploaded files without storing anything: what the upload page shows. */
export function previewSpec(files: SpecFile[], format?: SpecFormat): SpecPreview {
  const result = planFiles(files, format ? { format } : {});
  if (!result.ok) return { ok: false, errors: result.errors, warnings: result.warnings };
  return {
    ok: true,
    format: result.plan.format,
    plan: result.plan,
    errors: [],
    warnings: result.plan.warnings,
  };
}

/** Stores a spec whose plan is valid; a spec with errors is refused with them, nothing stored. */
export async function storeSpec(
  db: Db,
  input: { projectId: string; name?: string; files: SpecFile[]; format?: SpecFormat },
): Promise<{ id: string; plan: Plan }> {
  const preview = previewSpec(input.files, input.format);
  if (!preview.ok || !preview.plan) {
    throw new AppError("invalid_spec", "The spec has errors; fix them and upload it again.", {
      errors: preview.errors,
      warnings: preview.warnings,
    });
  }
  const id = createId("spec");
  await db.spec.create({
    data: {
      id,
      projectId: input.projectId,
      // The spec's own title (EXEC-SPEC-022: Player enrollment) reads better than a file name.
      name: input.name ?? (preview.plan.title || input.files[0]?.name || "spec"),
      format: preview.plan.format,
      files: input.files as unknown as Prisma.InputJsonValue,
      plan: preview.plan as unknown as Prisma.InputJsonValue,
      warnings: preview.warnings as unknown as Prisma.InputJsonValue,
    },
  });
  return { id, plan: preview.plan };
}

export async function getSpec(db: Db, id: string) {
  const spec = await db.spec.findUnique({ where: { id } });
  if (!spec) throw new AppError("not_found", `No spec with id ${id}.`);
  return {
    id: spec.id,
    projectId: spec.projectId,
    name: spec.name,
    format: spec.format,
    plan: spec.plan as unknown as Plan,
    warnings: spec.warnings as unknown as SpecIssue[],
    createdAt: spec.createdAt.toISOString(),
  };
}

/** Newest first; the cursor is the last id of the previous page (spec ids sort by creation time). */
export async function listSpecs(
  db: Db,
  options: { take?: number; projectIds?: string[] | "all"; cursor?: string } = {},
) {
  const specs = await db.spec.findMany({
    where: {
      ...(options.projectIds && options.projectIds !== "all"
        ? { projectId: { in: options.projectIds } }
        : {}),
      ...(options.cursor ? { id: { lt: options.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take ?? 50,
    select: { id: true, name: true, format: true, createdAt: true, projectId: true },
  });
  return specs.map((spec) => ({ ...spec, createdAt: spec.createdAt.toISOString() }));
}

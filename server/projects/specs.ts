import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { createId } from "../db/ids";
import { AppError } from "../errors/app-error";
import type { Plan } from "../planning";
import type { SpecFile, SpecFormat, SpecIssue } from "../specs";
import type { AcceptedDependency } from "../specs-upload/accepted-dependencies";
import { planUpload, type UploadPlanResult } from "../specs-upload/plan-upload";
import { type SpecIssueWithSource, withSourceLines } from "../specs-upload/source-lines";

export interface SpecPreview extends Omit<UploadPlanResult, "errors" | "warnings"> {
  errors: SpecIssueWithSource[];
  warnings: SpecIssueWithSource[];
}

/**
 * Parses and plans uploaded files, with the suggested dependencies the PM accepted, without
 * storing anything: what the upload page shows, each issue with the text of its line.
 */
export function previewSpec(
  files: SpecFile[],
  format?: SpecFormat,
  acceptedDependencies: AcceptedDependency[] = [],
): SpecPreview {
  const result = planUpload(files, { format, acceptedDependencies });
  return {
    ...result,
    errors: withSourceLines(result.errors, files),
    warnings: withSourceLines(result.warnings, files),
  };
}

/**
 * Stores a spec whose plan is valid, with its accepted suggestions applied (the plan records
 * them); a spec with errors is refused with them, nothing stored.
 */
export async function storeSpec(
  db: Db,
  input: {
    projectId: string;
    name?: string;
    files: SpecFile[];
    format?: SpecFormat;
    acceptedDependencies?: AcceptedDependency[];
  },
): Promise<{ id: string; plan: Plan }> {
  const preview = planUpload(input.files, {
    format: input.format,
    acceptedDependencies: input.acceptedDependencies,
  });
  if (!preview.ok || !preview.plan) {
    throw new AppError("invalid_spec", "The spec has errors; fix them and upload it again.", {
      errors: withSourceLines(preview.errors, input.files),
      warnings: withSourceLines(preview.warnings, input.files),
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

import { z } from "zod";

/** Request bodies of the REST API, validated once here. */
export const specFormatSchema = z.enum([
  "exec-spec",
  "exec-spec-checkpoint",
  "layered-tasks",
  "story-set",
  "task-list",
  "spec-kit",
  "freeform",
]);

export const specUploadSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(500), content: z.string().max(5_000_000) }))
    .min(1)
    .max(500),
  format: specFormatSchema.optional(),
});

export const startRunSchema = z.object({
  specId: z.string().min(1),
  settings: z
    .object({
      mode: z.enum(["waves", "eager", "sequential"]).optional(),
      approval: z.enum(["required", "automatic"]).optional(),
      strict: z.boolean().optional(),
      tdd: z.boolean().optional(),
      reviewers: z.boolean().optional(),
      maxAttempts: z.number().int().min(1).max(5).optional(),
      batchSize: z.number().int().min(1).max(100).optional(),
    })
    .optional(),
});

export const itemActionSchema = z.object({
  action: z.enum(["retry", "skip", "mark_done", "mark_failed"]),
  note: z.string().max(2000).optional(),
});

export const decisionSchema = z.object({
  waveIndex: z.number().int().min(0),
  decision: z.enum(["continue", "pause"]),
  comment: z.string().max(2000).optional(),
});

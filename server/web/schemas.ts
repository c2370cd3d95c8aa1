import { z } from "zod";
import { SPEC_FORMATS, type SpecFormat } from "../specs/types";
import { acceptedDependenciesSchema, acceptedDependencySchema } from "../specs-upload/accepted-dependencies";
import { nextCursor, pageQuery } from "./paging";

/** Request bodies of the REST API, validated once here. */
export const specFormatSchema = z.enum(SPEC_FORMATS as [SpecFormat, ...SpecFormat[]]);

export const specUploadSchema = z.object({
  files: z
    .array(z.object({ name: z.string().min(1).max(500), content: z.string().max(5_000_000) }))
    .min(1)
    .max(500),
  format: specFormatSchema.optional(),
  acceptedDependencies: acceptedDependenciesSchema.optional().meta({
    description:
      "Suggested dependencies (read from the spec's prose) the uploader accepted: each becomes a real dependency before the waves are computed. One that is not suggested, or would make a circle, is an error (`accepted_dependency_not_suggested`, `accepted_dependency_cycle`). In a multipart upload, the same array as JSON text.",
  }),
});

/**
 * POST /api/v1/specs's body: the upload, a display name and the project (app/api/v1/specs/route.ts
 * extends the upload schema the same way; it could import this one).
 */
export const specCreateSchema = specUploadSchema.extend({
  name: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Display name (default: the first file's name)." }),
  projectId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "The project to store the spec in (default `prj_demo`)." }),
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
      concurrency: z.number().int().min(1).max(10).optional().meta({
        description:
          "At most this many of the run's items in flight at once (default: as many as the queues take).",
      }),
      batchSize: z.number().int().min(1).max(100).optional(),
      stopAfterWave: z.number().int().min(0).optional().meta({
        description: "Pause after this wave (0-based) and wait for a Resume: run one phase at a time.",
      }),
    })
    .optional(),
  /** An exported checkpoint: its completed items start as done (resume). */
  checkpoint: z.unknown().optional(),
});

export const itemActionSchema = z.object({
  action: z.enum(["retry", "skip", "mark_done", "mark_failed"]),
  note: z.string().max(2000).optional(),
  /** Skip although items still to run depend on it (without it, such a skip is refused with 409). */
  confirm: z.boolean().optional(),
});

export const decisionSchema = z.object({
  waveIndex: z.number().int().min(0),
  decision: z.enum(["continue", "pause"]),
  comment: z.string().max(2000).optional(),
});

/*
 * Response bodies of the REST API. They document what the handlers send (the OpenAPI document in
 * server/api-docs is generated from them) and the CLI's tests parse real answers with them, so a
 * handler that drifts from its documented shape fails a test. Objects are loose: a field added
 * later is not a break.
 */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: "Stable machine code, e.g. not_found, invalid_spec, bad_request." }),
      message: z.string().meta({ description: "Written for a person." }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "ErrorBody", description: "The body of every error response." });

export const specIssueSchema = z
  .looseObject({
    code: z.string(),
    severity: z.enum(["error", "warning"]),
    message: z.string(),
    file: z.string(),
    line: z.number().int().meta({ description: "1-based; 0 when the issue concerns the upload as a whole." }),
    column: z.number().int().optional(),
    sourceLine: z.string().optional().meta({
      description:
        "The text of the line the issue points at, cut to 240 characters (… marks a cut); absent for whole-upload issues. Text, never markup.",
    }),
  })
  .meta({ id: "SpecIssue" });

export const planSchema = z
  .looseObject({
    format: specFormatSchema,
    title: z.string(),
    items: z.array(
      z.looseObject({
        id: z.string(),
        title: z.string(),
        role: z.string(),
        dependsOn: z.array(z.string()),
        suggestedDependsOn: z
          .array(z.string())
          .optional()
          .meta({ description: "Read from prose: shown for confirmation, not applied unless accepted." }),
        outputs: z.array(z.string()),
        gates: z.array(z.string()),
        state: z.string(),
        source: z.object({ file: z.string(), line: z.number().int() }),
      }),
    ),
    waves: z.array(
      z.object({
        index: z.number().int(),
        name: z.string(),
        itemIds: z.array(z.string()),
        gates: z.array(z.string()),
      }),
    ),
    criticalPath: z.array(z.string()),
    gates: z.record(z.string(), z.string()),
    warnings: z.array(specIssueSchema),
    analysisRequired: z.boolean(),
    acceptedDependencies: z
      .array(acceptedDependencySchema)
      .optional()
      .meta({ description: "The suggested dependencies the uploader accepted, applied to this plan." }),
  })
  .meta({ id: "Plan", description: "The dependency waves of a spec." });

export const specPreviewSchema = z
  .object({
    ok: z.boolean(),
    format: specFormatSchema.optional(),
    plan: planSchema.optional(),
    errors: z.array(specIssueSchema),
    warnings: z.array(specIssueSchema),
    suggestedDependencies: z
      .array(
        acceptedDependencySchema.extend({
          itemTitle: z.string(),
          dependsOnTitle: z.string(),
          accepted: z.boolean().meta({ description: "Accepted in this request and applied to the plan." }),
        }),
      )
      .meta({
        description:
          "Dependencies read from prose, for the uploader to accept or reject; listed even when an accepted one broke the plan.",
      }),
  })
  .meta({ id: "SpecPreview" });

export const specCreatedSchema = z.object({ id: z.string(), plan: planSchema }).meta({ id: "SpecCreated" });

export const specSummarySchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    format: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "SpecSummary" });

export const specDetailSchema = specSummarySchema
  .extend({ plan: planSchema, warnings: z.array(specIssueSchema) })
  .meta({ id: "Spec" });

export const specListSchema = z.object({ specs: z.array(specSummarySchema), nextCursor });

export const specListQuerySchema = z.object(pageQuery("spec"));

export const runStatusSchema = z.enum([
  "pending",
  "running",
  "awaiting_approval",
  "paused",
  "succeeded",
  "failed",
  "cancelled",
]);

export const runSummarySchema = z
  .object({
    id: z.string(),
    status: runStatusSchema,
    specName: z.string(),
    storiesTotal: z.number().int(),
    storiesDone: z.number().int(),
    storiesFailed: z.number().int().optional(),
    createdAt: z.string(),
    startedAt: z.string().nullable().optional(),
    finishedAt: z.string().nullable(),
    startedBy: z.string().nullable(),
    projectId: z.string(),
  })
  .meta({ id: "RunSummary" });

/** GET /api/v1/runs's query (app/api/v1/runs/route.ts parses with it). */
export const runListQuerySchema = z.object({
  status: runStatusSchema.optional().meta({ description: "Only runs in this status." }),
  ...pageQuery("run"),
});

export const runListSchema = z.object({ runs: z.array(runSummarySchema), nextCursor });

export const runStartedSchema = z.object({ runId: z.string() }).meta({ id: "RunStarted" });

export const runViewSchema = z
  .looseObject({
    id: z.string(),
    projectId: z.string(),
    status: runStatusSchema,
    mode: z.string(),
    settings: z.record(z.string(), z.unknown()),
    currentWave: z.number().int().nullable(),
    error: z.string().nullable(),
    startedBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    spec: z.object({ id: z.string(), name: z.string(), format: z.string() }),
    lastEventId: z.string().meta({ description: "Id of the last event this view reflects." }),
    waves: z.array(
      z.looseObject({
        id: z.string(),
        index: z.number().int().meta({ description: "0-based; the CLI and dashboard show index + 1." }),
        name: z.string(),
        status: z.string(),
        gateNames: z.array(z.string()),
        startedAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
      }),
    ),
    stories: z.array(
      z.looseObject({
        id: z.string(),
        key: z.string(),
        title: z.string(),
        role: z.string(),
        status: z.string(),
        waveIndex: z.number().int(),
        dependsOn: z.array(z.string()),
        startedAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
        error: z.string().nullable(),
        steps: z.array(
          z.looseObject({ id: z.string(), kind: z.string(), status: z.string(), attempts: z.number().int() }),
        ),
      }),
    ),
    approvals: z.array(
      z.object({
        waveIndex: z.number().int(),
        decision: z.enum(["continue", "pause"]),
        decidedBy: z.string(),
        comment: z.string().nullable(),
        at: z.string(),
      }),
    ),
    gates: z.array(z.looseObject({ waveIndex: z.number().int(), name: z.string(), status: z.string() })),
  })
  .meta({ id: "RunView", description: "Everything the run page shows, read in one snapshot." });

export const decisionOutcomeSchema = z
  .object({ outcome: z.enum(["applied", "recorded", "duplicate"]) })
  .meta({ id: "DecisionOutcome" });

export const cancelOutcomeSchema = z
  .object({ outcome: z.enum(["cancelled", "already_final"]) })
  .meta({ id: "CancelOutcome" });

export const okSchema = z.object({ ok: z.literal(true) });

export const exampleListSchema = z.object({ examples: z.array(z.string()) });

export const exampleSchema = z.object({ name: z.string(), content: z.string() }).meta({ id: "Example" });

/** GET /api/v1/runs/{runId}/items/{key}/evidence: the evidence behind one item's status. */
export const itemEvidenceSchema = z
  .object({
    runId: z.string(),
    key: z.string(),
    title: z.string(),
    status: z.string(),
    error: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()).nullable().meta({
      description: "The verify step's result: tests, coverage, files and commit; null until it ran.",
    }),
    steps: z.array(
      z.object({
        kind: z.string(),
        status: z.string(),
        attempts: z.number().int(),
        startedAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
        error: z.string().nullable(),
        result: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    attempts: z.array(
      z.object({
        step: z.string(),
        number: z.number().int(),
        status: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        error: z.string().nullable(),
        outputTail: z.string(),
      }),
    ),
  })
  .meta({ id: "ItemEvidence" });

/** GET /api/v1/runs/{runId}/items/{key}/diff: the files an item's commit changed. */
export const itemDiffSchema = z
  .object({
    commit: z.string().meta({ description: "The item's commit, as the verify step recorded it." }),
    files: z.array(
      z.object({
        path: z.string(),
        additions: z.number().int().meta({ description: "Added lines shown in `patch`." }),
        deletions: z.number().int().meta({ description: "Removed lines shown in `patch`." }),
        patch: z.string().meta({ description: "The file's part of `git show`, as plain text." }),
      }),
    ),
    truncated: z.boolean().meta({
      description: "The patch was longer than 256 KiB and was cut; the last patch ends with a note.",
    }),
  })
  .meta({ id: "ItemDiff" });

export * from "./people-schemas";

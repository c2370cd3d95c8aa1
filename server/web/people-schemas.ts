import { z } from "zod";
import { auditActions } from "../auth/audit";
import { projectRoles } from "../auth/roles";
import { nextCursor } from "./paging";

/*
 * People, tokens, projects, members and the audit log. Bodies that the handlers validate with
 * schemas of their own (server/auth/users.ts, server/projects/members.ts) are documented from
 * those; the ones below are the handlers' inline bodies and what the handlers answer.
 */

/** POST /api/v1/tokens's body. */
export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(100).meta({ description: "What the token is for, e.g. `ci`." }),
});

/** GET /api/v1/audit's query. */
export const auditQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .meta({ description: "At most this many entries (default 50)." }),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .meta({ description: "The `nextCursor` of the previous page." }),
});

const isoDate = (description?: string) =>
  description
    ? z.string().meta({ description: `ISO 8601. ${description}` })
    : z.string().meta({ description: "ISO 8601." });

const projectRoleSchema = z
  .enum(projectRoles)
  .meta({ id: "ProjectRole", description: "Each role includes the ones before it." });

export const setupStatusSchema = z
  .object({ needsSetup: z.boolean().meta({ description: "True while Specwave has no users yet." }) })
  .meta({ id: "SetupStatus" });

export const userSummarySchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    isAdmin: z
      .boolean()
      .meta({ description: "Administrator of Specwave: every project, users, the whole audit log." }),
    createdAt: isoDate(),
  })
  .meta({ id: "User" });

export const userCreatedSchema = z.object({ user: userSummarySchema });

export const userListSchema = z.object({ users: z.array(userSummarySchema) });

export const capabilitiesSchema = z
  .object({
    read: z.boolean(),
    operate: z
      .boolean()
      .meta({ description: "Upload specs, start runs, approve waves, retry, skip, cancel." }),
    administer: z.boolean().meta({ description: "Project settings and members." }),
  })
  .meta({ id: "Capabilities", description: "What a role lets a person do in a project." });

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean() }),
    via: z.enum(["session", "token"]).meta({ description: "How this request was authenticated." }),
    projects: z.array(
      z.object({ id: z.string(), name: z.string(), role: projectRoleSchema, can: capabilitiesSchema }),
    ),
  })
  .meta({ id: "Me" });

export const tokenSummarySchema = z
  .object({
    id: z.string().meta({ description: "`tok_…`" }),
    name: z.string(),
    prefix: z.string().meta({ description: "The token's first 10 characters, to recognise it." }),
    createdAt: isoDate(),
    lastUsedAt: isoDate("To the minute.").nullable(),
    revokedAt: isoDate().nullable(),
  })
  .meta({ id: "ApiToken", description: "An API token, without its secret." });

export const tokenCreatedSchema = tokenSummarySchema
  .extend({
    token: z
      .string()
      .meta({ description: "The secret (`swt_…`), for `Authorization: Bearer`. Shown this once only." }),
  })
  .meta({ id: "NewApiToken" });

export const tokenListSchema = z.object({ tokens: z.array(tokenSummarySchema) });

export const projectSummarySchema = z
  .object({ id: z.string(), name: z.string(), createdAt: isoDate() })
  .meta({ id: "ProjectSummary" });

export const projectListSchema = z.object({ projects: z.array(projectSummarySchema) });

export const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: isoDate(),
    settings: z.object({
      specCommandsEnabled: z
        .boolean()
        .meta({ description: "Whether a spec's own gate commands run (otherwise they are shown only)." }),
      runDefaults: z
        .record(z.string(), z.unknown())
        .meta({ description: "Run settings this project's runs start with." }),
    }),
    gates: z
      .record(
        z.string(),
        z.object({ command: z.string(), args: z.array(z.string()), timeoutSeconds: z.number().int() }),
      )
      .meta({ description: "The commands the project's gates run, by gate name." }),
  })
  .meta({ id: "Project" });

export const memberSchema = z
  .object({
    userId: z.string(),
    id: z.string().meta({ description: "The user's id (the same as `userId`)." }),
    email: z.string(),
    name: z.string(),
    role: projectRoleSchema,
    since: isoDate(),
  })
  .meta({ id: "Member" });

export const memberListSchema = z.object({ members: z.array(memberSchema) });

export const memberSetSchema = z.object({
  member: z.object({ userId: z.string(), email: z.string(), role: projectRoleSchema }),
});

export const auditEntrySchema = z
  .object({
    id: z.string().meta({ description: "Increasing; newer entries have larger ids." }),
    createdAt: isoDate(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    via: z
      .string()
      .nullable()
      .meta({ description: "How the actor was signed in (`session` or `token`), when the entry knows." }),
    action: z.string().meta({ description: `One of ${auditActions.join(", ")}.` }),
    projectId: z.string().nullable(),
    target: z
      .string()
      .nullable()
      .meta({ description: "What the action was on: a run, spec, user or token id, or `runId/itemKey`." }),
    details: z
      .record(z.string(), z.unknown())
      .meta({ description: "What else the action recorded, e.g. a decision and its outcome." }),
    ip: z.string().nullable(),
  })
  .meta({ id: "AuditEntry" });

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor });

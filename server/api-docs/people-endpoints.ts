/**
 * The people, projects and audit endpoints of the REST API, described once (see endpoints.ts,
 * which lists them with the rest in the order the reference shows them).
 */
import { z } from "zod";
import { newUserSchema } from "../auth/users";
import { memberInputSchema, projectSettingsSchema } from "../projects/members";
import {
  auditPageSchema,
  auditQuerySchema,
  memberListSchema,
  memberSetSchema,
  meSchema,
  okSchema,
  projectListSchema,
  projectSchema,
  setupStatusSchema,
  tokenCreatedSchema,
  tokenCreateSchema,
  tokenListSchema,
  tokenSummarySchema,
  userCreatedSchema,
  userListSchema,
} from "../web/schemas";
import type { Endpoint } from "./endpoints";

const projectId = { projectId: "The project's id (`prj_…`; the demo project is `prj_demo`)." };

/** POST /users: a new user's email, name and first password, and whether they administer Specwave. */
export const userCreateSchema = newUserSchema.extend({ isAdmin: z.boolean().optional() });

export const peopleEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/setup",
    summary: "Whether Specwave still needs its first administrator",
    tag: "people",
    access: { kind: "public" },
    response: {
      status: 200,
      description: "`needsSetup` is true while there are no users.",
      schema: setupStatusSchema,
    },
    errors: ["unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/setup",
    summary: "Create the first administrator",
    description:
      "The first-run flow: works once, while Specwave has no users, and creates an administrator of Specwave. Afterwards it answers 409 `conflict`: sign in instead.",
    tag: "people",
    access: { kind: "public" },
    body: newUserSchema,
    response: { status: 201, description: "The administrator.", schema: userCreatedSchema },
    errors: ["bad_request", "conflict", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/me",
    summary: "Who is calling, and their role in each project",
    tag: "people",
    access: { kind: "signed-in" },
    response: {
      status: 200,
      description: "The caller, how they signed in, and the projects they may read.",
      schema: meSchema,
    },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/tokens",
    summary: "List the caller's API tokens",
    description: "Revoked tokens included, newest first; never the secrets.",
    tag: "people",
    access: { kind: "signed-in" },
    response: { status: 200, description: "The caller's tokens.", schema: tokenListSchema },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create an API token",
    description:
      "The token acts with the caller's own roles. The answer is the only time its secret (`token`) is shown; send it as `Authorization: Bearer swt_…`. Only a signed-in session creates tokens: a request made with a token answers 403 `forbidden`, so a leaked token cannot mint a successor that outlives its revocation.",
    tag: "people",
    access: { kind: "signed-in" },
    body: tokenCreateSchema,
    response: { status: 201, description: "The token and its secret.", schema: tokenCreatedSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "unavailable"],
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{tokenId}",
    summary: "Revoke an API token",
    description:
      "It stops working at once; revoking twice is harmless. Callers may revoke their own tokens, administrators of Specwave anyone's; someone else's token answers 404 `not_found`.",
    tag: "people",
    access: { kind: "signed-in" },
    pathParams: { tokenId: "The token's id (`tok_…`)." },
    response: { status: 200, description: "The token, with `revokedAt` set.", schema: tokenSummarySchema },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/users",
    summary: "List users",
    tag: "people",
    access: { kind: "instance-admin" },
    response: { status: 200, description: "Every user, oldest first.", schema: userListSchema },
    errors: ["unauthenticated", "forbidden", "unavailable"],
  },
  {
    method: "post",
    path: "/api/v1/users",
    summary: "Create a user",
    description:
      "With a first password; then give them roles in projects (PUT /api/v1/projects/{projectId}/members). An email already in use answers 409 `conflict`.",
    tag: "people",
    access: { kind: "instance-admin" },
    body: userCreateSchema,
    response: { status: 201, description: "The user.", schema: userCreatedSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "conflict", "unavailable"],
  },
];

export const projectEndpoints: Endpoint[] = [
  {
    method: "get",
    path: "/api/v1/projects",
    summary: "List the projects the caller may read",
    description: "Administrators of Specwave see every project; others the projects they hold a role in.",
    tag: "projects",
    access: { kind: "signed-in" },
    response: { status: 200, description: "Projects, oldest first.", schema: projectListSchema },
    errors: ["unauthenticated", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}",
    summary: "Read a project: its settings and its gates' commands",
    tag: "projects",
    access: { kind: "project", role: "viewer" },
    pathParams: projectId,
    response: { status: 200, description: "The project.", schema: projectSchema },
    errors: ["unauthenticated", "not_found", "unavailable"],
  },
  {
    method: "patch",
    path: "/api/v1/projects/{projectId}",
    summary: "Change a project's settings",
    description:
      "Its name, whether specs' own gate commands run (`specCommandsEnabled`), and the run settings its runs start with (`runDefaults`, replaced as a whole). Fields left out keep their value; unknown fields answer 400.",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: projectId,
    body: projectSettingsSchema,
    response: { status: 200, description: "The project as it is now.", schema: projectSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/projects/{projectId}/members",
    summary: "List a project's members and their roles",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: projectId,
    response: { status: 200, description: "Members, in the order they joined.", schema: memberListSchema },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "put",
    path: "/api/v1/projects/{projectId}/members",
    summary: "Add a user to a project, or change their role",
    description: "The user must exist (POST /api/v1/users); an unknown email answers 404 `not_found`.",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: projectId,
    body: memberInputSchema,
    response: { status: 200, description: "The membership as it is now.", schema: memberSetSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "delete",
    path: "/api/v1/projects/{projectId}/members/{userId}",
    summary: "Remove a user from a project",
    description: "A user who is not a member answers 404 `not_found`.",
    tag: "projects",
    access: { kind: "project", role: "admin" },
    pathParams: { ...projectId, userId: "The user's id (`userId` in the member list)." },
    response: { status: 200, description: "Done.", schema: okSchema },
    errors: ["unauthenticated", "forbidden", "not_found", "unavailable"],
  },
  {
    method: "get",
    path: "/api/v1/audit",
    summary: "Read the audit log, newest first, a page at a time",
    description:
      "Sign-ins, users, members, settings, tokens, uploads, runs and every decision, with who did it and from where.",
    tag: "audit",
    access: { kind: "signed-in" },
    who: "Administrators of Specwave read all of it; a project's administrators the entries of their projects; anyone else gets 403 `forbidden`.",
    query: auditQuerySchema,
    response: { status: 200, description: "Entries, newest first.", schema: auditPageSchema },
    errors: ["bad_request", "unauthenticated", "forbidden", "unavailable"],
  },
];

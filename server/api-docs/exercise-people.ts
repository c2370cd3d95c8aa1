/**
 * The exercise's cases for tokens, users, projects, members and the audit log (run after the
 * others, as part of `cases` in exercise.ts).
 */
import type { Case } from "./exercise";

export const peopleCases: Case[] = [
  {
    operationId: "getTokens",
    what: "the administrator's tokens",
    request: () => ({ method: "GET", path: "/api/v1/tokens" }),
    status: 200,
  },
  {
    operationId: "postTokens",
    what: "create a token, signed in",
    request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: "api-exercise" } }),
    session: true,
    status: 201,
    check: (body) => (/^swt_/.test((body as { token: string }).token) ? undefined : "no swt_ secret"),
    after: (ctx, body) => {
      ctx.tokenId = (body as { id: string }).id;
    },
  },
  {
    operationId: "postTokens",
    what: "a token without a name",
    request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: " " } }),
    session: true,
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "postTokens",
    what: "a token cannot create tokens",
    request: () => ({ method: "POST", path: "/api/v1/tokens", body: { name: "minted by a token" } }),
    status: 403,
    code: "forbidden",
  },
  {
    operationId: "deleteTokensTokenId",
    what: "revoke the token",
    request: (ctx) => ({ method: "DELETE", path: `/api/v1/tokens/${ctx.tokenId}` }),
    status: 200,
    check: (body) => ((body as { revokedAt: string | null }).revokedAt ? undefined : "revokedAt is not set"),
  },
  {
    operationId: "deleteTokensTokenId",
    what: "an unknown token",
    request: () => ({ method: "DELETE", path: "/api/v1/tokens/tok_nope" }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getUsers",
    what: "list users",
    request: () => ({ method: "GET", path: "/api/v1/users" }),
    status: 200,
    check: (body) =>
      (body as { users: { email: string }[] }).users.some((user) => user.email === "viewer@example.com")
        ? undefined
        : "viewer@example.com is not listed",
  },
  {
    operationId: "postUsers",
    what: "create a user",
    request: (ctx) => {
      ctx.newUserEmail ??= `exercise-${Date.now().toString(36)}@example.com`;
      return {
        method: "POST",
        path: "/api/v1/users",
        body: { email: ctx.newUserEmail, name: "Exercise", password: "a long enough password" },
      };
    },
    status: 201,
  },
  {
    operationId: "postUsers",
    what: "the same email again",
    request: (ctx) => ({
      method: "POST",
      path: "/api/v1/users",
      body: { email: ctx.newUserEmail, name: "Exercise", password: "a long enough password" },
    }),
    status: 409,
    code: "conflict",
  },
  {
    operationId: "postUsers",
    what: "an email that is not one",
    request: () => ({
      method: "POST",
      path: "/api/v1/users",
      body: { email: "nobody", name: "Nobody", password: "a long enough password" },
    }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getProjects",
    what: "list projects",
    request: () => ({ method: "GET", path: "/api/v1/projects" }),
    status: 200,
    check: (body) =>
      (body as { projects: { id: string }[] }).projects.some((project) => project.id === "prj_demo")
        ? undefined
        : "prj_demo is not listed",
  },
  {
    operationId: "getProjectsProjectId",
    what: "read the demo project",
    request: () => ({ method: "GET", path: "/api/v1/projects/prj_demo" }),
    status: 200,
  },
  {
    operationId: "getProjectsProjectId",
    what: "an unknown project",
    request: () => ({ method: "GET", path: "/api/v1/projects/prj_nope" }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "patchProjectsProjectId",
    what: "spec-defined commands off",
    request: () => ({
      method: "PATCH",
      path: "/api/v1/projects/prj_demo",
      body: { specCommandsEnabled: false },
    }),
    status: 200,
    check: (body) =>
      (body as { settings: { specCommandsEnabled: boolean } }).settings.specCommandsEnabled === false
        ? undefined
        : "specCommandsEnabled is still on",
  },
  {
    operationId: "patchProjectsProjectId",
    what: "a setting that does not exist",
    request: () => ({ method: "PATCH", path: "/api/v1/projects/prj_demo", body: { colour: "blue" } }),
    status: 400,
    code: "bad_request",
  },
  {
    operationId: "getProjectsProjectIdMembers",
    what: "the demo project's members",
    request: () => ({ method: "GET", path: "/api/v1/projects/prj_demo/members" }),
    status: 200,
    check: (body) => {
      const roles = (body as { members: { email: string; role: string }[] }).members.map(
        (member) => `${member.email}:${member.role}`,
      );
      return roles.includes("approver@example.com:approver") && roles.includes("viewer@example.com:viewer")
        ? undefined
        : `unexpected members ${roles.join(", ")}`;
    },
  },
  {
    operationId: "putProjectsProjectIdMembers",
    what: "make the outsider a viewer",
    request: () => ({
      method: "PUT",
      path: "/api/v1/projects/prj_demo/members",
      body: { email: "outsider@example.com", role: "viewer" },
    }),
    status: 200,
    after: (ctx, body) => {
      ctx.memberUserId = (body as { member: { userId: string } }).member.userId;
    },
  },
  {
    operationId: "putProjectsProjectIdMembers",
    what: "an email with no user",
    request: () => ({
      method: "PUT",
      path: "/api/v1/projects/prj_demo/members",
      body: { email: "nobody-here@example.com", role: "viewer" },
    }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "deleteProjectsProjectIdMembersUserId",
    what: "remove the outsider again",
    request: (ctx) => ({ method: "DELETE", path: `/api/v1/projects/prj_demo/members/${ctx.memberUserId}` }),
    status: 200,
  },
  {
    operationId: "deleteProjectsProjectIdMembersUserId",
    what: "someone who is not a member",
    request: (ctx) => ({ method: "DELETE", path: `/api/v1/projects/prj_demo/members/${ctx.memberUserId}` }),
    status: 404,
    code: "not_found",
  },
  {
    operationId: "getAudit",
    what: "the audit log",
    request: () => ({ method: "GET", path: "/api/v1/audit" }),
    status: 200,
  },
  {
    operationId: "getAudit",
    what: "the audit log, one entry at a time",
    request: () => ({ method: "GET", path: "/api/v1/audit?limit=1" }),
    status: 200,
    check: (body) =>
      typeof (body as { nextCursor: unknown }).nextCursor === "string" ? undefined : "no nextCursor",
    after: (ctx, body) => {
      ctx.auditCursor = (body as { nextCursor: string }).nextCursor;
    },
  },
  {
    operationId: "getAudit",
    what: "the next page of the audit log",
    request: (ctx) => ({ method: "GET", path: `/api/v1/audit?limit=1&cursor=${ctx.auditCursor}` }),
    status: 200,
  },
  {
    operationId: "getAudit",
    what: "a cursor that is not one",
    request: () => ({ method: "GET", path: "/api/v1/audit?cursor=abc" }),
    status: 400,
    code: "bad_request",
  },
];

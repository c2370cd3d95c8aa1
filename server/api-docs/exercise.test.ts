import { describe, expect, it } from "vitest";
import { errorStatus } from "../errors/app-error";
import { endpoints } from "./endpoints";
import { cases } from "./exercise";
import { operationId } from "./openapi";

/** The cases run against a real server in the CLI's integration test; these checks need none. */
describe("the API exercise cases", () => {
  const byId = new Map(endpoints.map((endpoint) => [operationId(endpoint), endpoint]));

  it("call every documented operation, and only documented ones", () => {
    const exercised = new Set(cases.map((c) => c.operationId));
    expect([...byId.keys()].filter((id) => !exercised.has(id))).toEqual([]);
    expect([...exercised].filter((id) => !byId.has(id))).toEqual([]);
  });

  it("expect the documented success status, or a documented error with its own status", () => {
    for (const c of cases) {
      const endpoint = byId.get(c.operationId);
      const label = `${c.operationId}: ${c.what}`;
      if (c.code === undefined) {
        expect(c.status, label).toBe(endpoint?.response.status);
      } else {
        expect(endpoint?.errors, label).toContain(c.code);
        expect(c.status, label).toBe(errorStatus[c.code as keyof typeof errorStatus]);
      }
    }
  });

  it("send the token except where a case says not to, and only public operations succeed without it", () => {
    for (const c of cases.filter((c) => c.anonymous)) {
      const endpoint = byId.get(c.operationId);
      if (endpoint?.access.kind !== "public")
        expect(c.code, `${c.operationId}: ${c.what}`).toBe("unauthenticated");
    }
    expect(cases.some((c) => c.anonymous && c.code === "unauthenticated")).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import type { People } from "../../server/testing/people";

/**
 * The people global setup created on the e2e server, and a browser storage state (session
 * cookie) for each. Tests sign in as the approver by default (playwright.config.ts).
 */
export const baseUrl = "http://127.0.0.1:3210";
export const authDir = path.resolve(import.meta.dirname, "../.auth");
export const stateFile = (who: keyof People) => path.join(authDir, `${who}.json`);

export function people(): People {
  return JSON.parse(readFileSync(path.join(authDir, "people.json"), "utf8")) as People;
}

/** A Playwright storage state holding one session cookie for the e2e server. */
export function storageState(cookie: string) {
  const [name = "", value = ""] = cookie.split(/=(.*)/s);
  return {
    cookies: [
      {
        name,
        value,
        domain: "127.0.0.1",
        path: "/",
        expires: Math.floor(Date.now() / 1000) + 24 * 3600,
        httpOnly: true,
        secure: false,
        sameSite: "Lax" as const,
      },
    ],
    origins: [],
  };
}

/** The e2e server's API as the approver (with their token): the parsed answer, or an error naming the path and status. */
export async function approverApi<T>(pathName: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${baseUrl}${pathName}`, {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${people().approver.token}` },
  });
  if (!response.ok) throw new Error(`${pathName}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
